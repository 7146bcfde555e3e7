package io.signalbox.registry.common;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Transient;
import org.springframework.data.domain.Persistable;

/**
 * Base of the registry's entities: a UUID id assigned when the object is created (so the change
 * event can name it before the insert is flushed) and the creation time. Being {@link Persistable}
 * lets Spring Data insert a new entity directly instead of merging it.
 */
@MappedSuperclass
public abstract class RegistryEntity implements Persistable<UUID> {

    @Id
    private UUID id;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Transient
    private boolean persisted;

    /** For JPA. */
    protected RegistryEntity() {
        this.id = new UUID(0, 0);
        this.createdAt = Instant.EPOCH;
    }

    protected RegistryEntity(Instant createdAt) {
        this.id = UUID.randomUUID();
        this.createdAt = Times.storable(createdAt);
    }

    @Override
    public UUID getId() {
        return id;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    @Override
    public boolean isNew() {
        return !persisted;
    }

    @PostPersist
    @PostLoad
    void markPersisted() {
        persisted = true;
    }
}
