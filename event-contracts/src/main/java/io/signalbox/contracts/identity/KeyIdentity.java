package io.signalbox.contracts.identity;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What the gateway learns about a virtual key from the registry's internal lookup by key hash:
 * who it belongs to and whether it may be used. Never contains the key or its hash.
 *
 * @param status {@code active} or {@code revoked}
 */
public record KeyIdentity(
        String keyId,
        String keyPrefix,
        String tenantId,
        @Nullable String teamId,
        Map<String, String> tags,
        String status,
        @Nullable Instant expiresAt) {

    public KeyIdentity {
        tags = Map.copyOf(tags);
    }

    public boolean usableAt(Instant now) {
        return "active".equals(status) && (expiresAt == null || now.isBefore(expiresAt));
    }
}
