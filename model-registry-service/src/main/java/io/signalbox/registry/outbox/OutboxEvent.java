package io.signalbox.registry.outbox;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Persistable;

/**
 * An event waiting in the outbox. Its id is the event's id, sent as the
 * {@link io.signalbox.contracts.Topics#EVENT_ID_HEADER} header for consumers to de-duplicate on.
 */
@Entity
@Table(name = "outbox_events")
class OutboxEvent implements Persistable<UUID> {

    @Id
    private UUID id;

    @Column(nullable = false, updatable = false)
    private String topic;

    @Column(name = "msg_key", nullable = false, updatable = false)
    private String key;

    @Column(nullable = false, updatable = false)
    private String payload;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "published_at")
    private @Nullable Instant publishedAt;

    @Transient
    private boolean persisted;

    /** For JPA. */
    protected OutboxEvent() {
        this(new UUID(0, 0), "", "", "", Instant.EPOCH);
    }

    OutboxEvent(UUID id, String topic, String key, String payload, Instant createdAt) {
        this.id = id;
        this.topic = topic;
        this.key = key;
        this.payload = payload;
        this.createdAt = createdAt;
    }

    @Override
    public UUID getId() {
        return id;
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

    String topic() {
        return topic;
    }

    String key() {
        return key;
    }

    String payload() {
        return payload;
    }

    Instant createdAt() {
        return createdAt;
    }

    @Nullable Instant publishedAt() {
        return publishedAt;
    }

    void markPublished(Instant at) {
        this.publishedAt = at;
    }
}
