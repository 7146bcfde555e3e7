package io.signalbox.registry.provider;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code signalbox.credentials.*}: the keys provider credentials are encrypted with. Rotation without
 * downtime: add the new key, make it active (new writes use it, every configured key still decrypts),
 * re-encrypt ({@code POST /api/v1/providers/credentials/rotate}), then drop the old key.
 *
 * @param activeKey the id of the key new credentials are encrypted with; unset: credentials cannot be stored
 * @param keys key id to a base64-encoded 256-bit AES key ({@code SIGNALBOX_CREDENTIALS_KEYS_<ID>})
 */
@Validated
@ConfigurationProperties("signalbox.credentials")
public record CredentialProperties(@Nullable String activeKey, @DefaultValue Map<String, String> keys) {

    public CredentialProperties {
        activeKey = activeKey == null || activeKey.isBlank() ? null : activeKey.strip();
        keys = Map.copyOf(keys);
    }

    @Override
    public String toString() {
        return "CredentialProperties[activeKey=" + activeKey + ", keyIds=" + keys.keySet() + "]";
    }
}
