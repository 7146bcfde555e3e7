package io.signalbox.contracts.identity;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What the gateway learns about a virtual key from the registry's internal lookup by key hash:
 * who it belongs to and whether it may be used. Never contains the key or its hash.
 *
 * @param status {@code active} or {@code revoked}
 * @param allowedModels the model names and route aliases the key may send as {@code model}; null or empty: any
 * @param keyLimits the key's own rate limits; null: none
 * @param teamLimits the limits shared by all keys of the key's team; null: none
 */
public record KeyIdentity(
        String keyId,
        String keyPrefix,
        String tenantId,
        @Nullable String teamId,
        Map<String, String> tags,
        String status,
        @Nullable Instant expiresAt,
        @Nullable Set<String> allowedModels,
        @Nullable RateLimits keyLimits,
        @Nullable RateLimits teamLimits) {

    public KeyIdentity {
        tags = Map.copyOf(tags);
        allowedModels = allowedModels == null ? null : Set.copyOf(allowedModels);
    }

    /** A key without scopes and limits (the walking skeleton's shape). */
    public KeyIdentity(String keyId, String keyPrefix, String tenantId, @Nullable String teamId,
            Map<String, String> tags, String status, @Nullable Instant expiresAt) {
        this(keyId, keyPrefix, tenantId, teamId, tags, status, expiresAt, null, null, null);
    }

    /**
     * Whether the key may ask for a model or route alias: any when {@code allowedModels} is null or
     * empty, otherwise only those named.
     */
    public boolean allows(String model) {
        return allowedModels == null || allowedModels.isEmpty() || allowedModels.contains(model);
    }

    public boolean usableAt(Instant now) {
        return "active".equals(status) && (expiresAt == null || now.isBefore(expiresAt));
    }
}
