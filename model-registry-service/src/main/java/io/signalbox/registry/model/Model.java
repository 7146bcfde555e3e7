package io.signalbox.registry.model;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.signalbox.registry.common.RevisedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A model as clients name it ({@link #getName()}, unique across models and route aliases) and as its
 * provider knows it ({@link #getUpstreamModel()}).
 */
@Entity
@Table(name = "models")
public class Model extends RevisedEntity {

    @Column(name = "provider_id", nullable = false, updatable = false)
    private UUID providerId;

    @Column(nullable = false)
    private String name;

    @Column(name = "upstream_model", nullable = false)
    private String upstreamModel;

    @Column(name = "context_window", nullable = false)
    private int contextWindow;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    private List<String> capabilities;

    @Column(nullable = false)
    private String status;

    /** For JPA. */
    protected Model() {
        this.providerId = new UUID(0, 0);
        this.name = "";
        this.upstreamModel = "";
        this.capabilities = List.of();
        this.status = "";
    }

    Model(UUID providerId, String name, String upstreamModel, int contextWindow, List<String> capabilities,
            String status, Instant createdAt) {
        super(createdAt);
        this.providerId = providerId;
        this.name = name;
        this.upstreamModel = upstreamModel;
        this.contextWindow = contextWindow;
        this.capabilities = List.copyOf(capabilities);
        this.status = status;
    }

    void update(String name, String upstreamModel, int contextWindow, List<String> capabilities, String status,
            Instant now) {
        this.name = name;
        this.upstreamModel = upstreamModel;
        this.contextWindow = contextWindow;
        this.capabilities = List.copyOf(capabilities);
        this.status = status;
        touch(now);
    }

    public UUID getProviderId() {
        return providerId;
    }

    public String getName() {
        return name;
    }

    public String getUpstreamModel() {
        return upstreamModel;
    }

    public int getContextWindow() {
        return contextWindow;
    }

    public List<String> getCapabilities() {
        return List.copyOf(capabilities);
    }

    public String getStatus() {
        return status;
    }

    /** What the audit log keeps of the model. */
    AuditState auditState() {
        return new AuditState(providerId.toString(), name, upstreamModel, contextWindow, List.copyOf(capabilities),
                status);
    }

    record AuditState(String providerId, String name, String upstreamModel, int contextWindow,
            List<String> capabilities, String status) {
    }
}
