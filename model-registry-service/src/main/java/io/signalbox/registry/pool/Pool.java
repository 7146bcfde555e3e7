package io.signalbox.registry.pool;

import java.time.Instant;
import java.util.UUID;

import io.signalbox.registry.common.RevisedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A self-hosted inference pool serving one base model from one region. */
@Entity
@Table(name = "pools")
public class Pool extends RevisedEntity {

    @Column(nullable = false)
    private String name;

    @Column(name = "model_id", nullable = false)
    private UUID modelId;

    @Column(nullable = false)
    private String region;

    /** For JPA. */
    protected Pool() {
        this.name = "";
        this.modelId = new UUID(0, 0);
        this.region = "";
    }

    Pool(String name, UUID modelId, String region, Instant createdAt) {
        super(createdAt);
        this.name = name;
        this.modelId = modelId;
        this.region = region;
    }

    void update(String name, UUID modelId, String region, Instant now) {
        this.name = name;
        this.modelId = modelId;
        this.region = region;
        touch(now);
    }

    public String getName() {
        return name;
    }

    public UUID getModelId() {
        return modelId;
    }

    public String getRegion() {
        return region;
    }

    /** What the audit log keeps of the pool. */
    AuditState auditState() {
        return new AuditState(name, modelId.toString(), region);
    }

    record AuditState(String name, String modelId, String region) {
    }
}
