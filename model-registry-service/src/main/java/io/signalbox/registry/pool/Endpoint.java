package io.signalbox.registry.pool;

import java.time.Instant;
import java.util.UUID;

import io.signalbox.contracts.catalog.EndpointInfo;
import io.signalbox.registry.common.RevisedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/** One serving endpoint of a pool: an OpenAI-compatible API root, its weight and its state. */
@Entity
@Table(name = "endpoints")
public class Endpoint extends RevisedEntity {

    @Column(name = "pool_id", nullable = false, updatable = false)
    private UUID poolId;

    @Column(name = "base_url", nullable = false)
    private String baseUrl;

    @Column(nullable = false)
    private String region;

    @Column(nullable = false)
    private int weight;

    @Column(nullable = false)
    private String state;

    @Column(name = "metrics_url")
    private @Nullable String metricsUrl;

    /** For JPA. */
    protected Endpoint() {
        this.poolId = new UUID(0, 0);
        this.baseUrl = "";
        this.region = "";
        this.state = "";
    }

    Endpoint(UUID poolId, String baseUrl, String region, int weight, String state, @Nullable String metricsUrl,
            Instant createdAt) {
        super(createdAt);
        this.poolId = poolId;
        this.baseUrl = baseUrl;
        this.region = region;
        this.weight = weight;
        this.state = state;
        this.metricsUrl = metricsUrl;
    }

    void update(String baseUrl, String region, int weight, String state, @Nullable String metricsUrl, Instant now) {
        this.baseUrl = baseUrl;
        this.region = region;
        this.weight = weight;
        this.state = state;
        this.metricsUrl = metricsUrl;
        touch(now);
    }

    /** Where the server's Prometheus metrics are; null: not scraped. */
    public @Nullable String getMetricsUrl() {
        return metricsUrl;
    }

    public UUID getPoolId() {
        return poolId;
    }

    public String getBaseUrl() {
        return baseUrl;
    }

    public String getRegion() {
        return region;
    }

    public int getWeight() {
        return weight;
    }

    public String getState() {
        return state;
    }

    public EndpointInfo toInfo() {
        return new EndpointInfo(getId().toString(), poolId.toString(), baseUrl, region, state, weight, metricsUrl);
    }

    /** What the audit log keeps of the endpoint. */
    AuditState auditState() {
        return new AuditState(poolId.toString(), baseUrl, region, weight, state, metricsUrl);
    }

    record AuditState(String poolId, String baseUrl, String region, int weight, String state,
            @Nullable String metricsUrl) {
    }
}
