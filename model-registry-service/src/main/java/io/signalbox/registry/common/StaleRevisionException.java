package io.signalbox.registry.common;

/**
 * A write named a revision ({@code If-Match}) that is no longer the stored one: someone else changed
 * the entity since the admin read it. Applying the write anyway would silently undo their change.
 */
public class StaleRevisionException extends RuntimeException {

    private final String entity;

    private final String id;

    private final long currentRevision;

    public StaleRevisionException(String entity, String id, long expected, long current) {
        super("The " + entity + " '" + id + "' is at revision " + current + ", not " + expected
                + "; read it again and repeat the change on the current state.");
        this.entity = entity;
        this.id = id;
        this.currentRevision = current;
    }

    public String entity() {
        return entity;
    }

    public String id() {
        return id;
    }

    public long currentRevision() {
        return currentRevision;
    }
}
