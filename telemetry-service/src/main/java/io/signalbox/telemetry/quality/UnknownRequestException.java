package io.signalbox.telemetry.quality;

/**
 * Feedback names a request telemetry does not know: never routed, not successful, a mirrored call, not yet arrived
 * (usage events follow the response within seconds) or no longer remembered (404).
 */
public class UnknownRequestException extends RuntimeException {

    private final String requestId;

    public UnknownRequestException(String requestId) {
        super("No successful routed request '" + requestId + "' is known. Feedback can name a request from when its "
                + "usage event has arrived (seconds after the response) until it is forgotten (the most recent "
                + "signalbox.telemetry.quality.request-memory requests, and every kept sample).");
        this.requestId = requestId;
    }

    public String requestId() {
        return requestId;
    }
}
