package io.signalbox.cost.ingest;

/**
 * A usage message that parsed as JSON but breaks the contract (a required field is missing), so no
 * amount of retrying will make it storable. It goes to the dead-letter topic.
 */
class InvalidUsageEventException extends RuntimeException {

    InvalidUsageEventException(String message) {
        super(message);
    }
}
