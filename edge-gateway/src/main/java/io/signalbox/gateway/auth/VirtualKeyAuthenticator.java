package io.signalbox.gateway.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.signalbox.contracts.identity.KeyHashes;
import io.signalbox.contracts.identity.KeyIdentity;
import io.signalbox.contracts.json.ContractJson;
import io.signalbox.gateway.GatewayProperties;
import io.signalbox.gateway.openai.OpenAiException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;

/**
 * Authenticates {@code Authorization: Bearer <virtual key>}: the key is hashed and looked up in the
 * registry, and the answer (including "no such key") is cached so a request normally costs no network
 * call. A registry outage is a 503, never a 401: a valid key must not look invalid because a dependency
 * is down.
 */
@Component
public class VirtualKeyAuthenticator {

    private static final String BEARER = "Bearer ";

    private static final Duration NEGATIVE_TTL = Duration.ofSeconds(5);

    private final WebClient registry;

    private final AsyncCache<String, Optional<KeyIdentity>> cache;

    /** key id -> hash of the cached identities, so a change to one key evicts exactly that key. */
    private final Map<String, String> hashesByKeyId = new ConcurrentHashMap<>();

    private final Clock clock;

    private final Duration timeout;

    VirtualKeyAuthenticator(WebClient.Builder builder, GatewayProperties properties, Clock clock) {
        this.registry = builder.clone()
                .baseUrl(properties.registryUrl().toString())
                .defaultHeader(HttpHeaders.AUTHORIZATION, BEARER + properties.internalToken())
                .build();
        this.cache = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfter(new IdentityExpiry(properties.keyCacheTtl(), NEGATIVE_TTL))
                .buildAsync();
        this.clock = clock;
        this.timeout = properties.registryTimeout();
    }

    public Mono<KeyIdentity> authenticate(@Nullable String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                || authorization.length() == BEARER.length()) {
            return Mono.error(OpenAiException.invalidApiKey(
                    "You didn't provide an API key. Send it as 'Authorization: Bearer <key>'."));
        }
        String key = authorization.substring(BEARER.length()).trim();
        String hash = KeyHashes.sha256Hex(key);
        return Mono.fromFuture(() -> cache.get(hash, (h, executor) -> lookup(h).toFuture()), true)
                .flatMap(identity -> identity.filter(found -> found.usableAt(clock.instant()))
                        .map(Mono::just)
                        .orElseGet(() -> Mono.error(OpenAiException.invalidApiKey(
                                "Incorrect API key provided: " + redact(key) + ". The key is unknown, revoked or expired."))));
    }

    /** Forgets every cached identity, for example after a change to a team's limits. */
    public void invalidateAll() {
        cache.synchronous().invalidateAll();
        hashesByKeyId.clear();
    }

    /** Forgets the cached identity of one key (revoked, re-scoped, new limits). */
    public void invalidateKey(String keyId) {
        String hash = hashesByKeyId.remove(keyId);
        if (hash != null) {
            cache.synchronous().invalidate(hash);
        }
    }

    private Mono<Optional<KeyIdentity>> lookup(String hash) {
        return registry.get()
                .uri("/internal/v1/keys/{hash}", hash)
                .retrieve()
                .bodyToMono(String.class)
                .timeout(timeout)
                .map(json -> ContractJson.fromJson(json, KeyIdentity.class))
                .doOnNext(identity -> hashesByKeyId.put(identity.keyId(), hash))
                .map(Optional::of)
                .onErrorResume(WebClientResponseException.NotFound.class, notFound -> Mono.just(Optional.empty()))
                .onErrorMap(failure -> !(failure instanceof OpenAiException), failure -> new OpenAiException(
                        HttpStatus.SERVICE_UNAVAILABLE, "server_error", "auth_unavailable", null,
                        "The gateway cannot verify API keys right now. Retry shortly."));
    }

    private static String redact(String key) {
        return key.length() <= 10 ? "***" : key.substring(0, 6) + "***" + key.substring(key.length() - 4);
    }

    private record IdentityExpiry(Duration positive, Duration negative)
            implements com.github.benmanes.caffeine.cache.Expiry<String, Optional<KeyIdentity>> {

        @Override
        public long expireAfterCreate(String key, Optional<KeyIdentity> value, long currentTime) {
            return (value.isPresent() ? positive : negative).toNanos();
        }

        @Override
        public long expireAfterUpdate(String key, Optional<KeyIdentity> value, long currentTime,
                long currentDuration) {
            return expireAfterCreate(key, value, currentTime);
        }

        @Override
        public long expireAfterRead(String key, Optional<KeyIdentity> value, long currentTime,
                long currentDuration) {
            return currentDuration;
        }
    }
}
