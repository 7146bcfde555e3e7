package io.signalbox.gateway.auth;

import io.signalbox.contracts.Topics;
import io.signalbox.contracts.json.ContractJson;
import io.signalbox.contracts.registry.RegistryChanged;
import io.signalbox.gateway.credentials.ProviderCredentialStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Makes key changes take effect within moments instead of after the cache's time-to-live: a revoked,
 * re-scoped or re-limited key is evicted as soon as its change is published, and a change to a team or
 * tenant (whose limits every key carries) evicts every cached key. A change to a provider evicts its
 * cached credentials, so a rotated upstream key is used from the next request on.
 */
@Component
class RegistryChangesListener {

    private static final Logger log = LoggerFactory.getLogger(RegistryChangesListener.class);

    private final VirtualKeyAuthenticator authenticator;

    private final ProviderCredentialStore credentials;

    RegistryChangesListener(VirtualKeyAuthenticator authenticator, ProviderCredentialStore credentials) {
        this.authenticator = authenticator;
        this.credentials = credentials;
    }

    @KafkaListener(topics = Topics.REGISTRY)
    void onChange(String json) {
        RegistryChanged change;
        try {
            change = ContractJson.fromJson(json, RegistryChanged.class);
        }
        catch (ContractJson.MalformedEventException unreadable) {
            log.warn("Ignoring an unreadable registry change: {}", unreadable.getMessage());
            return;
        }
        switch (change.entity()) {
            case "key" -> authenticator.invalidateKey(change.entityId());
            case "team", "tenant" -> authenticator.invalidateAll();
            case "provider" -> credentials.invalidate(change.entityId());
            default -> {
                // models, routes, pools: routing-service's business, not the key cache's
            }
        }
    }
}
