package io.signalbox.routing.decision;

/** Every model behind the requested name is outside the tenant's or the team's allow-list. */
public final class ModelNotAllowedException extends RuntimeException {

    private final String model;

    public ModelNotAllowedException(String model, String detail) {
        super(detail);
        this.model = model;
    }

    public String model() {
        return model;
    }
}
