package io.signalbox.registry.common;

/** The request named an entity that does not exist (in the path, or as the parent of a new entity). */
public class NotFoundException extends RuntimeException {

    private final String entity;

    private final String id;

    public NotFoundException(String entity, String id) {
        super("No " + entity + " with id '" + id + "'");
        this.entity = entity;
        this.id = id;
    }

    public String entity() {
        return entity;
    }

    public String id() {
        return id;
    }
}
