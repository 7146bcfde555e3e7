package io.signalbox.registry.common;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;

/**
 * An entity admins may change. Its {@link #getRevision()} is the optimistic lock JPA checks on every
 * update and the value of the {@code ETag} the API answers, so a write based on a stale read is refused
 * both when the admin's copy is old ({@code If-Match}) and when two writes race (the version check).
 */
@MappedSuperclass
public abstract class RevisedEntity extends RegistryEntity {

    @Version
    @Column(nullable = false)
    private long revision;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    /** For JPA. */
    protected RevisedEntity() {
        this.updatedAt = Instant.EPOCH;
    }

    protected RevisedEntity(Instant createdAt) {
        super(createdAt);
        this.updatedAt = getCreatedAt();
    }

    public long getRevision() {
        return revision;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    /**
     * Refuses a change that was made against another revision than the stored one.
     *
     * @throws StaleRevisionException when {@code expected} is not the current revision
     */
    public void requireRevision(String entity, long expected) {
        if (expected != revision) {
            throw new StaleRevisionException(entity, getId().toString(), expected, revision);
        }
    }

    protected void touch(Instant now) {
        this.updatedAt = Times.storable(now);
    }
}
