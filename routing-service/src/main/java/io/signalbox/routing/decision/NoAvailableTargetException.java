package io.signalbox.routing.decision;

/**
 * The name resolved, but nothing behind it can take the request now.
 *
 * <p>{@link #temporary()} separates the two reasons, because a caller treats them differently: when
 * at least one candidate model is routable and only its endpoints are draining or disabled, the
 * condition is operational and will pass (503, retry later); when every candidate is disabled or has
 * nowhere to run (no pool and no provider URL), only an admin change helps (404).
 */
public class NoAvailableTargetException extends RuntimeException {

    private final String model;

    private final boolean temporary;

    NoAvailableTargetException(String model, boolean temporary, String detail) {
        super(detail);
        this.model = model;
        this.temporary = temporary;
    }

    public String model() {
        return model;
    }

    public boolean temporary() {
        return temporary;
    }
}
