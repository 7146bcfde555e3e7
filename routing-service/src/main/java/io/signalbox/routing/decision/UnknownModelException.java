package io.signalbox.routing.decision;

/** The requested name is neither a route alias nor a model the catalog knows. */
public class UnknownModelException extends RuntimeException {

    private final String model;

    public UnknownModelException(String model) {
        super("'" + model + "' is not a route alias or a model known to Signalbox. "
                + "GET /v1/models lists the names you can use.");
        this.model = model;
    }

    public String model() {
        return model;
    }
}
