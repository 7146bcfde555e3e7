package io.signalbox.telemetry.web;

/** A query or body parameter the telemetry APIs cannot use; answered 400 {@code invalid-parameter}. */
public class InvalidParameterException extends RuntimeException {

    private final String parameter;

    public InvalidParameterException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
