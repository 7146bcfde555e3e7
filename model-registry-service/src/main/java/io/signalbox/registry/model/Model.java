package io.signalbox.registry.model;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.signalbox.contracts.catalog.ModelInfo;
import io.signalbox.contracts.catalog.PriceSnapshot;
import io.signalbox.registry.common.RevisedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;

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

    @Column
    private @Nullable String family;

    @Column(name = "max_output_tokens")
    private @Nullable Integer maxOutputTokens;

    @Column(name = "quality_tier")
    private @Nullable String qualityTier;

    @Column(name = "deprecation_date")
    private @Nullable LocalDate deprecationDate;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    private List<String> regions;

    /** For JPA. */
    protected Model() {
        this.providerId = new UUID(0, 0);
        this.name = "";
        this.upstreamModel = "";
        this.capabilities = List.of();
        this.status = "";
        this.regions = List.of();
    }

    Model(UUID providerId, ModelSpec spec, Instant createdAt) {
        super(createdAt);
        this.providerId = providerId;
        this.name = spec.name();
        this.upstreamModel = spec.upstreamModel();
        this.capabilities = spec.capabilities();
        this.status = spec.status();
        this.regions = spec.regions();
        apply(spec);
    }

    void update(ModelSpec spec, Instant now) {
        this.name = spec.name();
        this.upstreamModel = spec.upstreamModel();
        this.capabilities = spec.capabilities();
        this.status = spec.status();
        this.regions = spec.regions();
        apply(spec);
        touch(now);
    }

    private void apply(ModelSpec spec) {
        this.contextWindow = spec.contextWindow();
        this.family = spec.family();
        this.maxOutputTokens = spec.maxOutputTokens();
        this.qualityTier = spec.qualityTier();
        this.deprecationDate = spec.deprecationDate();
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

    public ModelSpec spec() {
        return new ModelSpec(name, upstreamModel, contextWindow, capabilities, status, family, maxOutputTokens,
                qualityTier, deprecationDate, regions);
    }

    /** The model as the other services receive it, with its price history oldest first. */
    public ModelInfo toInfo(List<PriceSnapshot> prices) {
        return new ModelInfo(getId().toString(), providerId.toString(), name, upstreamModel, contextWindow,
                Set.copyOf(capabilities), status, prices, family, maxOutputTokens, qualityTier, deprecationDate,
                List.copyOf(regions));
    }

    /** What the audit log keeps of the model. */
    AuditState auditState() {
        return new AuditState(providerId.toString(), spec());
    }

    record AuditState(String providerId, ModelSpec settings) {
    }
}
