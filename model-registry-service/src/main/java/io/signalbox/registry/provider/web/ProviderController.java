package io.signalbox.registry.provider.web;

import java.net.URI;
import java.time.Instant;
import java.util.Map;

import io.signalbox.contracts.catalog.BreakerSettings;
import io.signalbox.contracts.catalog.ProviderResilience;
import io.signalbox.registry.common.HttpUrl;
import io.signalbox.registry.common.Ids;
import io.signalbox.registry.common.ListPage;
import io.signalbox.registry.common.web.Revisions;
import io.signalbox.registry.provider.Provider;
import io.signalbox.registry.provider.ProviderKinds;
import io.signalbox.registry.provider.ProviderService;
import io.signalbox.registry.provider.ProviderSpec;
import io.signalbox.registry.provider.ProviderVocabulary;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/providers")
class ProviderController {

    private static final Sort ORDER = Sort.by("createdAt", "id");

    private final ProviderService providers;

    ProviderController(ProviderService providers) {
        this.providers = providers;
    }

    @PostMapping
    ResponseEntity<ProviderResponse> create(@Valid @RequestBody ProviderRequest request) {
        Provider provider = providers.create(request.spec(), request.credentials());
        return ResponseEntity.created(URI.create("/api/v1/providers/" + provider.getId()))
                .eTag(Revisions.etag(provider.getRevision()))
                .body(ProviderResponse.of(provider));
    }

    /** Filters: {@code kind}, {@code q} (part of the name, any case). */
    @GetMapping
    ListPage<ProviderResponse> list(@RequestParam(required = false) @Nullable String kind,
            @RequestParam(required = false) @Nullable String q, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "" + ListPage.DEFAULT_SIZE) int size) {
        return ListPage.of(providers.list(kind, q, ListPage.request(page, size, ORDER)), ProviderResponse::of);
    }

    @GetMapping("/{id}")
    ResponseEntity<ProviderResponse> get(@PathVariable String id) {
        Provider provider = providers.get(Ids.parse("provider", id));
        return Revisions.ok(ProviderResponse.of(provider), provider.getRevision());
    }

    @PutMapping("/{id}")
    ResponseEntity<ProviderResponse> update(@PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            @Valid @RequestBody ProviderRequest request) {
        Long revision = Revisions.required(ifMatch);
        Provider provider = providers.update(Ids.parse("provider", id), revision, request.spec(),
                request.credentials());
        return Revisions.ok(ProviderResponse.of(provider), provider.getRevision());
    }

    /**
     * Re-encrypts all stored credentials under the active key; run it after making a new key active,
     * then remove the old key from the configuration.
     */
    @PostMapping("/credentials/rotate")
    RotationResponse rotateCredentials() {
        return new RotationResponse(providers.reencryptCredentials());
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
        providers.delete(Ids.parse("provider", id), Revisions.optional(ifMatch));
        return ResponseEntity.noContent().build();
    }

    /**
     * {@code credentials} are write-only secret fields (e.g. {@code {"apiKey": "..."}}): on update,
     * leaving them out keeps the stored ones and {@code {}} removes them.
     */
    record ProviderRequest(
            @NotBlank @Size(max = 100) String name,
            @NotBlank @Pattern(regexp = ProviderKinds.PATTERN, message = ProviderKinds.MESSAGE) String kind,
            @Nullable @Size(max = 2048) @HttpUrl String baseUrl,
            @Nullable @Positive @Max(3_600_000) Integer connectTimeoutMs,
            @Nullable @Positive @Max(3_600_000) Integer requestTimeoutMs,
            @Nullable @Positive Integer requestsPerMinute,
            @Nullable @Positive Integer tokensPerMinute,
            @Nullable @Valid Resilience resilience,
            @Nullable @Size(max = 20) Map<@NotBlank @Size(max = 100) String, @NotNull @Size(max = 20_000) String> credentials) {

        ProviderSpec spec() {
            return new ProviderSpec(name.strip(), kind, baseUrl, connectTimeoutMs, requestTimeoutMs, requestsPerMinute,
                    tokensPerMinute, resilience == null ? null : resilience.settings());
        }

        @Override
        public String toString() {
            return "ProviderRequest[name=" + name + ", kind=" + kind + ", credentials=" + (credentials == null ? "none"
                    : "[redacted]") + "]";
        }
    }

    /**
     * How the gateway calls the provider's targets, beyond the connect and request timeouts; each setting left
     * out takes the gateway's default.
     *
     * @param firstByteTimeoutMs how long an upstream may take to start answering
     * @param streamIdleTimeoutMs the longest silence allowed between two chunks of a stream
     * @param attemptsPerTarget calls one target gets (retries with backoff included) before the next is tried
     * @param circuitBreaker when a target's circuit opens and for how long
     */
    record Resilience(
            @Nullable @Positive @Max(ProviderVocabulary.MAX_TIMEOUT_MS) Integer firstByteTimeoutMs,
            @Nullable @Positive @Max(ProviderVocabulary.MAX_TIMEOUT_MS) Integer streamIdleTimeoutMs,
            @Nullable @Positive @Max(ProviderVocabulary.MAX_ATTEMPTS_PER_TARGET) Integer attemptsPerTarget,
            @Nullable @Valid Breaker circuitBreaker) {

        ProviderResilience settings() {
            return new ProviderResilience(firstByteTimeoutMs, streamIdleTimeoutMs, attemptsPerTarget,
                    circuitBreaker == null ? null : circuitBreaker.settings());
        }

        static @Nullable Resilience of(@Nullable ProviderResilience settings) {
            if (settings == null) {
                return null;
            }
            BreakerSettings breaker = settings.circuitBreaker();
            return new Resilience(settings.firstByteTimeoutMillis(), settings.streamIdleTimeoutMillis(),
                    settings.attemptsPerTarget(), breaker == null ? null : new Breaker(breaker.failureRatePercent(),
                            breaker.slidingWindowSize(), breaker.minimumCalls(), breaker.openForMillis(),
                            breaker.halfOpenCalls()));
        }
    }

    /**
     * @param failureRatePercent share of failed calls in the window that opens the circuit
     * @param slidingWindowSize how many recent calls are judged
     * @param minimumCalls calls needed before the failure rate is judged at all
     * @param openForMs how long an open circuit skips the target before probing it
     * @param halfOpenCalls probe calls allowed while half-open
     */
    record Breaker(
            @Nullable @Positive @Max(100) Integer failureRatePercent,
            @Nullable @Positive @Max(ProviderVocabulary.MAX_BREAKER_WINDOW) Integer slidingWindowSize,
            @Nullable @Positive @Max(ProviderVocabulary.MAX_BREAKER_WINDOW) Integer minimumCalls,
            @Nullable @Positive @Max(ProviderVocabulary.MAX_OPEN_FOR_MS) Integer openForMs,
            @Nullable @Positive @Max(ProviderVocabulary.MAX_HALF_OPEN_CALLS) Integer halfOpenCalls) {

        BreakerSettings settings() {
            return new BreakerSettings(failureRatePercent, slidingWindowSize, minimumCalls, openForMs, halfOpenCalls);
        }
    }

    /**
     * A provider as admins see it: whether it has credentials and the id of the key they are encrypted
     * with, never the credentials.
     */
    record ProviderResponse(String id, String name, String kind, @Nullable String baseUrl,
            @Nullable Integer connectTimeoutMs, @Nullable Integer requestTimeoutMs, @Nullable Integer requestsPerMinute,
            @Nullable Integer tokensPerMinute, @Nullable Resilience resilience, boolean hasCredentials,
            @Nullable String credentialsKeyId, long revision, Instant createdAt, Instant updatedAt) {

        static ProviderResponse of(Provider provider) {
            ProviderSpec spec = provider.spec();
            return new ProviderResponse(provider.getId().toString(), spec.name(), spec.kind(), spec.baseUrl(),
                    spec.connectTimeoutMs(), spec.requestTimeoutMs(), spec.requestsPerMinute(), spec.tokensPerMinute(),
                    Resilience.of(spec.resilience()), provider.hasCredentials(), provider.getCredentialsKeyId(), provider.getRevision(),
                    provider.getCreatedAt(), provider.getUpdatedAt());
        }
    }

    record RotationResponse(int reencrypted) {
    }
}
