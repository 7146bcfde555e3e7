package io.signalbox.gateway.credentials;

import java.time.Duration;
import java.util.Map;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.signalbox.contracts.decision.DecisionTarget;
import io.signalbox.contracts.identity.ProviderCredentials;
import io.signalbox.contracts.json.ContractJson;
import io.signalbox.gateway.GatewayProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;

/**
 * The headers that authenticate the gateway to a target's provider, from the credentials the registry
 * keeps encrypted. They are fetched over the internal API on first use and kept in memory only; a
 * change to the provider (rotation, removal) evicts them as soon as the registry announces it, and they
 * are refreshed in the background so that a registry outage does not stop traffic to hosted providers.
 * A provider the registry does not know (deleted since the decision) has no credentials.
 */
@Component
public class ProviderCredentialStore {

    private final WebClient registry;

    private final AsyncLoadingCache<String, Map<String, String>> headers;

    ProviderCredentialStore(WebClient.Builder builder, GatewayProperties properties) {
        this.registry = builder.clone()
                .baseUrl(properties.registryUrl().toString())
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + properties.internalToken())
                .build();
        Duration timeout = properties.registryTimeout();
        this.headers = Caffeine.newBuilder()
                .maximumSize(10_000)
                .refreshAfterWrite(Duration.ofMinutes(1))
                .buildAsync((providerId, executor) -> fetch(providerId, timeout).toFuture());
    }

    /**
     * The authentication headers for a target; empty for providers without credentials.
     *
     * @return a {@link CredentialsUnavailableException} error when the registry cannot be asked and
     *     nothing is cached: the request has not been sent, so another target may be tried
     */
    public Mono<Map<String, String>> headersFor(DecisionTarget target) {
        return Mono.fromFuture(() -> headers.get(target.providerId()), true)
                .onErrorMap(failure -> !(failure instanceof CredentialsUnavailableException),
                        failure -> new CredentialsUnavailableException(target.providerId(), failure));
    }

    /** Forgets one provider's credentials, after the registry announced a change to it. */
    public void invalidate(String providerId) {
        headers.synchronous().invalidate(providerId);
    }

    private Mono<Map<String, String>> fetch(String providerId, Duration timeout) {
        return registry.get()
                .uri("/internal/v1/providers/{id}/credentials", providerId)
                .retrieve()
                .bodyToMono(String.class)
                .timeout(timeout)
                .map(json -> {
                    ProviderCredentials credentials = ContractJson.fromJson(json, ProviderCredentials.class);
                    return UpstreamAuth.headers(credentials.kind(), credentials.credentials());
                })
                .onErrorResume(WebClientResponseException.NotFound.class, unknown -> Mono.just(Map.of()))
                .onErrorResume(WebClientResponseException.BadRequest.class, notAnId -> Mono.just(Map.of()));
    }

    /** The registry could not be asked for a provider's credentials, and none were cached. */
    public static final class CredentialsUnavailableException extends RuntimeException {

        CredentialsUnavailableException(String providerId, Throwable cause) {
            super("The credentials of provider " + providerId + " cannot be fetched from the registry: " + cause,
                    cause);
        }
    }
}
