package io.signalbox.telemetry.web;

/** Something the telemetry APIs were asked for and do not know (now); answered 404 {@code not-found}. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
