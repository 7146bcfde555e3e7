package io.signalbox.registry.common;

/**
 * A delete would leave other configuration pointing at nothing (a model still targeted by a route, a
 * tenant that still has keys). The admin removes or moves the dependants first, so nothing breaks
 * silently at request time.
 */
public class InUseException extends RuntimeException {

    private final String entity;

    private final String id;

    private final String usedBy;

    public InUseException(String entity, String id, String usedBy, String detail) {
        super(detail);
        this.entity = entity;
        this.id = id;
        this.usedBy = usedBy;
    }

    public String entity() {
        return entity;
    }

    public String id() {
        return id;
    }

    /** The kind of entity that still refers to this one, e.g. {@code route}. */
    public String usedBy() {
        return usedBy;
    }
}
