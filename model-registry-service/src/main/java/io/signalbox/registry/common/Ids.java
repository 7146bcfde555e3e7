package io.signalbox.registry.common;

import java.util.Locale;
import java.util.UUID;

/** Ids are UUIDs inside the registry and strings on the wire. */
public final class Ids {

    private Ids() {
    }

    /**
     * Reads an id taken from a URL path. A string that is not a UUID cannot name anything, so it is
     * answered like any other unknown id (404) rather than as a malformed request.
     */
    public static UUID parse(String entity, String raw) {
        try {
            UUID id = UUID.fromString(raw);
            if (!id.toString().equals(raw.toLowerCase(Locale.ROOT))) {
                throw new NotFoundException(entity, raw);
            }
            return id;
        }
        catch (IllegalArgumentException ex) {
            throw new NotFoundException(entity, raw);
        }
    }
}
