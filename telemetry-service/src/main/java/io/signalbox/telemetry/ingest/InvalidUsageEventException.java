package io.signalbox.telemetry.ingest;

/** A usage message that parsed but cannot be counted (no event id, a negative duration). */
class InvalidUsageEventException extends RuntimeException {

    InvalidUsageEventException(String message) {
        super(message);
    }
}
