package io.signalbox.registry.pool.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.signalbox.contracts.catalog.PickerSettings;
import io.signalbox.registry.common.HttpUrl;
import io.signalbox.registry.common.Ids;
import io.signalbox.registry.common.ListPage;
import io.signalbox.registry.common.web.Revisions;
import io.signalbox.registry.pool.Endpoint;
import io.signalbox.registry.pool.Pool;
import io.signalbox.registry.pool.PoolService;
import io.signalbox.registry.pool.PoolSpec;
import io.signalbox.registry.pool.PoolVocabulary;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
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
@RequestMapping("/api/v1/pools")
class PoolController {

    private static final Sort ORDER = Sort.by("createdAt", "id");

    private final PoolService pools;

    PoolController(PoolService pools) {
        this.pools = pools;
    }

    @PostMapping
    ResponseEntity<PoolResponse> create(@Valid @RequestBody PoolRequest request) {
        Pool pool = pools.create(request.spec());
        return ResponseEntity.created(URI.create("/api/v1/pools/" + pool.getId()))
                .eTag(Revisions.etag(pool.getRevision())).body(PoolResponse.of(pool));
    }

    /** Filters: {@code modelId}, {@code region}, {@code q} (part of the name). */
    @GetMapping
    ListPage<PoolResponse> list(@RequestParam(required = false) @Nullable UUID modelId,
            @RequestParam(required = false) @Nullable String region,
            @RequestParam(required = false) @Nullable String q, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "" + ListPage.DEFAULT_SIZE) int size) {
        return ListPage.of(pools.list(modelId, region, q, ListPage.request(page, size, ORDER)), PoolResponse::of);
    }

    @GetMapping("/{id}")
    ResponseEntity<PoolResponse> get(@PathVariable String id) {
        Pool pool = pools.get(Ids.parse("pool", id));
        return Revisions.ok(PoolResponse.of(pool), pool.getRevision());
    }

    @PutMapping("/{id}")
    ResponseEntity<PoolResponse> update(@PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            @Valid @RequestBody PoolRequest request) {
        Long revision = Revisions.required(ifMatch);
        Pool pool = pools.update(Ids.parse("pool", id), revision, request.spec());
        return Revisions.ok(PoolResponse.of(pool), pool.getRevision());
    }

    /** Deletes the pool and its endpoints. */
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
        pools.delete(Ids.parse("pool", id), Revisions.optional(ifMatch));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/endpoints")
    ResponseEntity<EndpointResponse> addEndpoint(@PathVariable String id, @Valid @RequestBody EndpointRequest request) {
        Endpoint endpoint = pools.addEndpoint(Ids.parse("pool", id), request.baseUrl(), request.region(),
                request.weight() == null ? 1 : request.weight(), request.state() == null ? "active" : request.state(),
                request.metricsUrl());
        return ResponseEntity
                .created(URI.create("/api/v1/pools/" + endpoint.getPoolId() + "/endpoints/" + endpoint.getId()))
                .eTag(Revisions.etag(endpoint.getRevision()))
                .body(EndpointResponse.of(endpoint));
    }

    /** Filter: {@code state}. */
    @GetMapping("/{id}/endpoints")
    ListPage<EndpointResponse> endpoints(@PathVariable String id,
            @RequestParam(required = false) @Nullable String state, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "" + ListPage.DEFAULT_SIZE) int size) {
        return ListPage.of(pools.endpoints(Ids.parse("pool", id), state, ListPage.request(page, size, ORDER)),
                EndpointResponse::of);
    }

    @GetMapping("/{id}/endpoints/{endpointId}")
    ResponseEntity<EndpointResponse> endpoint(@PathVariable String id, @PathVariable String endpointId) {
        Endpoint endpoint = pools.endpoint(Ids.parse("pool", id), Ids.parse("endpoint", endpointId));
        return Revisions.ok(EndpointResponse.of(endpoint), endpoint.getRevision());
    }

    @PutMapping("/{id}/endpoints/{endpointId}")
    ResponseEntity<EndpointResponse> updateEndpoint(@PathVariable String id, @PathVariable String endpointId,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            @Valid @RequestBody EndpointRequest request) {
        Long revision = Revisions.required(ifMatch);
        Endpoint endpoint = pools.updateEndpoint(Ids.parse("pool", id), Ids.parse("endpoint", endpointId), revision,
                request.baseUrl(), request.region(), request.weight() == null ? 1 : request.weight(),
                request.state() == null ? "active" : request.state(), request.metricsUrl());
        return Revisions.ok(EndpointResponse.of(endpoint), endpoint.getRevision());
    }

    @DeleteMapping("/{id}/endpoints/{endpointId}")
    ResponseEntity<Void> deleteEndpoint(@PathVariable String id, @PathVariable String endpointId,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
        pools.deleteEndpoint(Ids.parse("pool", id), Ids.parse("endpoint", endpointId), Revisions.optional(ifMatch));
        return ResponseEntity.noContent().build();
    }

    /** {@code loraAdapters} default to none, {@code privatePool} to false. */
    record PoolRequest(
            @NotBlank @Size(max = 100) String name,
            @NotNull UUID modelId,
            @NotNull @Size(max = 50)
            @Pattern(regexp = PoolVocabulary.REGION_PATTERN, message = PoolVocabulary.REGION_MESSAGE) String region,
            @Nullable @Size(max = 100) String hardwareProfile,
            @Nullable @Size(max = 200) List<@NotBlank @Size(max = 200) String> loraAdapters,
            @Nullable Boolean privatePool,
            @Nullable @Valid PickerRequest picker) {

        PoolSpec spec() {
            return new PoolSpec(name.strip(), modelId, region, hardwareProfile,
                    loraAdapters == null ? List.of() : loraAdapters, Boolean.TRUE.equals(privatePool),
                    picker == null ? null : picker.settings());
        }
    }

    /**
     * The pool's endpoint-picker weights (0..100) and saturation thresholds; each left out takes routing's default
     * (prefix 3, queue 2, KV cache 1, LoRA 1; saturated above 5 waiting or 90 % KV cache).
     */
    record PickerRequest(
            @Nullable @DecimalMin("0") @DecimalMax("100") Double prefixWeight,
            @Nullable @DecimalMin("0") @DecimalMax("100") Double queueWeight,
            @Nullable @DecimalMin("0") @DecimalMax("100") Double kvWeight,
            @Nullable @DecimalMin("0") @DecimalMax("100") Double loraWeight,
            @Nullable @DecimalMin("0") @DecimalMax("100000") Double queueThreshold,
            @Nullable @DecimalMin(value = "0", inclusive = false) @DecimalMax("1") Double kvThreshold) {

        PickerSettings settings() {
            return new PickerSettings(prefixWeight, queueWeight, kvWeight, loraWeight, queueThreshold, kvThreshold);
        }
    }

    /** {@code region} defaults to the pool's, {@code weight} to 1, {@code state} to active. */
    record EndpointRequest(
            @NotBlank @Size(max = 2048) @HttpUrl String baseUrl,
            @Nullable @Size(max = 50)
            @Pattern(regexp = PoolVocabulary.REGION_PATTERN, message = PoolVocabulary.REGION_MESSAGE) String region,
            @Nullable @Positive @Max(1_000_000) Integer weight,
            @Nullable @Pattern(regexp = PoolVocabulary.STATE_PATTERN, message = PoolVocabulary.STATE_MESSAGE)
            String state,
            @Nullable @Size(max = 2048) @HttpUrl String metricsUrl) {
    }

    record PoolResponse(String id, String name, String modelId, String region, @Nullable String hardwareProfile,
            List<String> loraAdapters, boolean privatePool, @Nullable PickerSettings picker, long revision,
            Instant createdAt, Instant updatedAt) {

        static PoolResponse of(Pool pool) {
            PoolSpec spec = pool.spec();
            return new PoolResponse(pool.getId().toString(), spec.name(), spec.modelId().toString(), spec.region(),
                    spec.hardwareProfile(), spec.loraAdapters(), spec.privatePool(), spec.picker(), pool.getRevision(),
                    pool.getCreatedAt(), pool.getUpdatedAt());
        }
    }

    record EndpointResponse(String id, String poolId, String baseUrl, String region, int weight, String state,
            @Nullable String metricsUrl, long revision, Instant createdAt, Instant updatedAt) {

        static EndpointResponse of(Endpoint endpoint) {
            return new EndpointResponse(endpoint.getId().toString(), endpoint.getPoolId().toString(),
                    endpoint.getBaseUrl(), endpoint.getRegion(), endpoint.getWeight(), endpoint.getState(),
                    endpoint.getMetricsUrl(), endpoint.getRevision(), endpoint.getCreatedAt(), endpoint.getUpdatedAt());
        }
    }
}
