package io.signalbox.registry.common;

/**
 * A create would give an entity a name (or other unique value) that is already taken. Names are what
 * clients and admins refer to, so taking one twice is refused rather than silently renamed.
 */
public class AlreadyExistsException extends RuntimeException {

    private final String entity;

    private final String field;

    public AlreadyExistsException(String entity, String field, String detail) {
        super(detail);
        this.entity = entity;
        this.field = field;
    }

    public String entity() {
        return entity;
    }

    public String field() {
        return field;
    }
}
