package io.signalbox.contracts.identity;

import java.util.Map;
import java.util.TreeMap;

/**
 * A provider's decrypted credentials, as the registry hands them to the gateway over the internal API
 * (internal token only; never to an admin, never in an event or a log). {@link #toString()} names the
 * fields but not their values, so logging the record by mistake leaks nothing.
 *
 * @param kind the provider's kind, which decides how the gateway presents the credentials upstream
 * @param credentials secret fields such as {@code apiKey}; empty when the provider has none
 */
public record ProviderCredentials(String providerId, String kind, Map<String, String> credentials) {

    public ProviderCredentials {
        credentials = Map.copyOf(credentials);
    }

    /** No credentials: a self-hosted server that needs none. */
    public static ProviderCredentials none(String providerId, String kind) {
        return new ProviderCredentials(providerId, kind, Map.of());
    }

    @Override
    public String toString() {
        return "ProviderCredentials[providerId=" + providerId + ", kind=" + kind + ", fields="
                + new TreeMap<>(credentials).keySet() + "]";
    }
}
