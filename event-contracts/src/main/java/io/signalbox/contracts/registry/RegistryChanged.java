package io.signalbox.contracts.registry;

import java.time.Instant;
import java.util.UUID;

/**
 * A change to registry configuration, published through the registry's transactional outbox to
 * {@link io.signalbox.contracts.Topics#REGISTRY} keyed by entity id. {@code catalogVersion} is the
 * catalog version after the change; a reader holding an older snapshot reloads.
 *
 * @param entity {@code provider}, {@code model}, {@code price}, {@code pool}, {@code endpoint},
 *     {@code route}, {@code tenant}, {@code team} or {@code key}
 */
public record RegistryChanged(
        UUID eventId,
        String entity,
        String entityId,
        Operation operation,
        long catalogVersion,
        Instant occurredAt) {

    public enum Operation {
        CREATED, UPDATED, DELETED
    }
}
