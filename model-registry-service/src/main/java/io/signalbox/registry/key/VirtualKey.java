package io.signalbox.registry.key;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import io.signalbox.contracts.identity.KeyIdentity;
import io.signalbox.contracts.identity.RateLimits;
import io.signalbox.registry.common.RevisedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;

/**
 * A virtual key of a tenant (and optionally one of its teams). Holds the key's SHA-256 hash, never the
 * key. Tags are copied into every usage event of the key, for cost allocation.
 */
@Entity
@Table(name = "virtual_keys")
public class VirtualKey extends RevisedEntity {

    @Column(name = "tenant_id", nullable = false, updatable = false)
    private UUID tenantId;

    @Column(name = "team_id", updatable = false)
    private @Nullable UUID teamId;

    @Column(nullable = false)
    private String name;

    @Column(name = "key_hash", nullable = false, updatable = false)
    private String keyHash;

    @Column(nullable = false, updatable = false)
    private String prefix;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    private Map<String, String> tags;

    @Column(nullable = false)
    private String status;

    @Column(name = "expires_at")
    private @Nullable Instant expiresAt;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "allowed_models", nullable = false, columnDefinition = "text[]")
    private List<String> allowedModels;

    @Column(name = "requests_per_minute")
    private @Nullable Integer requestsPerMinute;

    @Column(name = "tokens_per_minute")
    private @Nullable Integer tokensPerMinute;

    /** For JPA. */
    protected VirtualKey() {
        this.tenantId = new UUID(0, 0);
        this.name = "";
        this.keyHash = "";
        this.prefix = "";
        this.tags = Map.of();
        this.status = "";
        this.allowedModels = List.of();
    }

    VirtualKey(UUID tenantId, @Nullable UUID teamId, String name, KeyGenerator.GeneratedKey key,
            Map<String, String> tags, @Nullable Instant expiresAt, Instant createdAt) {
        super(createdAt);
        this.tenantId = tenantId;
        this.teamId = teamId;
        this.name = name;
        this.keyHash = key.hash();
        this.prefix = key.displayPrefix();
        this.tags = new TreeMap<>(tags);
        this.status = "active";
        this.expiresAt = expiresAt;
        this.allowedModels = List.of();
    }

    void update(String name, Map<String, String> tags, @Nullable Instant expiresAt, Instant now) {
        this.name = name;
        this.tags = new TreeMap<>(tags);
        this.expiresAt = expiresAt;
        touch(now);
    }

    /** Sets the scope (model names and route aliases; empty: any) and the key's own limits. */
    void restrict(List<String> allowedModels, RateLimits limits) {
        this.allowedModels = List.copyOf(new TreeSet<>(allowedModels));
        this.requestsPerMinute = limits.requestsPerMinute();
        this.tokensPerMinute = limits.tokensPerMinute();
    }

    /** The model names and route aliases the key may use, sorted; empty: any. */
    public List<String> getAllowedModels() {
        return List.copyOf(allowedModels);
    }

    public RateLimits getLimits() {
        return new RateLimits(requestsPerMinute, tokensPerMinute);
    }

    /** @return whether the key was active until now */
    boolean revoke(Instant now) {
        if ("revoked".equals(status)) {
            return false;
        }
        this.status = "revoked";
        touch(now);
        return true;
    }

    public UUID getTenantId() {
        return tenantId;
    }

    public @Nullable UUID getTeamId() {
        return teamId;
    }

    public String getName() {
        return name;
    }

    public String getPrefix() {
        return prefix;
    }

    /** The tags in key order, so answers list them the same way every time. */
    public Map<String, String> getTags() {
        return Collections.unmodifiableMap(new TreeMap<>(tags));
    }

    public String getStatus() {
        return status;
    }

    public @Nullable Instant getExpiresAt() {
        return expiresAt;
    }

    /**
     * What the gateway learns about the key: everything but its hash. Scopes and limits that are not
     * set are left out (null), so an unrestricted key looks as it did before keys had them.
     *
     * @param teamLimits the limits of the key's team, if it has one
     */
    public KeyIdentity toIdentity(@Nullable RateLimits teamLimits) {
        RateLimits limits = getLimits();
        return new KeyIdentity(getId().toString(), prefix, tenantId.toString(),
                teamId == null ? null : teamId.toString(), tags, status, expiresAt,
                allowedModels.isEmpty() ? null : Set.copyOf(allowedModels),
                limits.isUnlimited() ? null : limits,
                teamLimits == null || teamLimits.isUnlimited() ? null : teamLimits);
    }

    /** What the audit log keeps of the key: never the key or its hash, only the display prefix. */
    AuditState auditState() {
        return new AuditState(prefix, tenantId.toString(), teamId == null ? null : teamId.toString(), name,
                getTags(), status, expiresAt, getAllowedModels(), getLimits());
    }

    record AuditState(String prefix, String tenantId, @Nullable String teamId, String name, Map<String, String> tags,
            String status, @Nullable Instant expiresAt, List<String> allowedModels, RateLimits limits) {
    }
}
