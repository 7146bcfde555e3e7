package io.signalbox.registry.pool;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.signalbox.contracts.catalog.EndpointInfo;
import io.signalbox.contracts.catalog.PickerSettings;
import io.signalbox.contracts.catalog.PoolInfo;
import io.signalbox.registry.common.RevisedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;

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

    @Column(name = "hardware_profile")
    private @Nullable String hardwareProfile;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "lora_adapters", nullable = false, columnDefinition = "text[]")
    private List<String> loraAdapters;

    @Column(name = "private_pool", nullable = false)
    private boolean privatePool;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "picker_settings", columnDefinition = "jsonb")
    private @Nullable Map<String, @Nullable Object> picker;

    /** For JPA. */
    protected Pool() {
        this.name = "";
        this.modelId = new UUID(0, 0);
        this.region = "";
        this.loraAdapters = List.of();
    }

    Pool(PoolSpec spec, Instant createdAt) {
        super(createdAt);
        this.name = spec.name();
        this.modelId = spec.modelId();
        this.region = spec.region();
        this.loraAdapters = spec.loraAdapters();
        apply(spec);
    }

    void update(PoolSpec spec, Instant now) {
        this.name = spec.name();
        this.modelId = spec.modelId();
        this.region = spec.region();
        this.loraAdapters = spec.loraAdapters();
        apply(spec);
        touch(now);
    }

    private void apply(PoolSpec spec) {
        this.hardwareProfile = spec.hardwareProfile();
        this.privatePool = spec.privatePool();
        this.picker = spec.picker() == null ? null : new LinkedHashMap<>(PoolVocabulary.pickerToMap(spec.picker()));
    }

    public PoolSpec spec() {
        return new PoolSpec(name, modelId, region, hardwareProfile, loraAdapters, privatePool, pickerSettings());
    }

    /** The pool as the other services receive it. */
    public PoolInfo toInfo(List<EndpointInfo> endpoints) {
        return new PoolInfo(getId().toString(), name, modelId.toString(), region, endpoints, hardwareProfile,
                List.copyOf(loraAdapters), privatePool, pickerSettings());
    }

    private @Nullable PickerSettings pickerSettings() {
        Map<String, @Nullable Object> stored = picker;
        return stored == null ? null : PoolVocabulary.pickerFromMap(stored);
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
        return new AuditState(spec());
    }

    record AuditState(PoolSpec settings) {
    }
}
