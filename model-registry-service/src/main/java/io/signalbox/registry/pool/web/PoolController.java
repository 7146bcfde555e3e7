package io.signalbox.registry.pool.web;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

import io.signalbox.registry.common.HttpUrl;
import io.signalbox.registry.common.Ids;
import io.signalbox.registry.common.ListPage;
import io.signalbox.registry.pool.Endpoint;
import io.signalbox.registry.pool.Pool;
import io.signalbox.registry.pool.PoolService;
import io.signalbox.registry.pool.PoolVocabulary;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
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
    ResponseEntity<PoolResponse> create(@Valid @RequestBody CreatePoolRequest request) {
        Pool pool = pools.create(request.name().strip(), request.modelId(), request.region());
        return ResponseEntity.created(URI.create("/api/v1/pools/" + pool.getId())).body(PoolResponse.of(pool));
    }

    @GetMapping
    ListPage<PoolResponse> list(@RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "" + ListPage.DEFAULT_SIZE) int size) {
        return ListPage.of(pools.list(ListPage.request(page, size, ORDER)), PoolResponse::of);
    }

    @GetMapping("/{id}")
    PoolResponse get(@PathVariable String id) {
        return PoolResponse.of(pools.get(Ids.parse("pool", id)));
    }

    @PostMapping("/{id}/endpoints")
    ResponseEntity<EndpointResponse> addEndpoint(@PathVariable String id,
            @Valid @RequestBody CreateEndpointRequest request) {
        Endpoint endpoint = pools.addEndpoint(Ids.parse("pool", id), request.baseUrl(), request.region(),
                request.weight() == null ? 1 : request.weight(), request.state() == null ? "active" : request.state());
        return ResponseEntity
                .created(URI.create("/api/v1/pools/" + endpoint.getPoolId() + "/endpoints/" + endpoint.getId()))
                .body(EndpointResponse.of(endpoint));
    }

    @GetMapping("/{id}/endpoints")
    ListPage<EndpointResponse> endpoints(@PathVariable String id, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "" + ListPage.DEFAULT_SIZE) int size) {
        return ListPage.of(pools.endpoints(Ids.parse("pool", id), ListPage.request(page, size, ORDER)),
                EndpointResponse::of);
    }

    @GetMapping("/{id}/endpoints/{endpointId}")
    EndpointResponse endpoint(@PathVariable String id, @PathVariable String endpointId) {
        return EndpointResponse.of(pools.endpoint(Ids.parse("pool", id), Ids.parse("endpoint", endpointId)));
    }

    record CreatePoolRequest(
            @NotBlank @Size(max = 100) String name,
            @NotNull UUID modelId,
            @NotNull @Size(max = 50)
            @Pattern(regexp = PoolVocabulary.REGION_PATTERN, message = PoolVocabulary.REGION_MESSAGE) String region) {
    }

    /** {@code region} defaults to the pool's, {@code weight} to 1, {@code state} to active. */
    record CreateEndpointRequest(
            @NotBlank @Size(max = 2048) @HttpUrl String baseUrl,
            @Nullable @Size(max = 50)
            @Pattern(regexp = PoolVocabulary.REGION_PATTERN, message = PoolVocabulary.REGION_MESSAGE) String region,
            @Nullable @Positive @Max(1_000_000) Integer weight,
            @Nullable @Pattern(regexp = PoolVocabulary.STATE_PATTERN, message = PoolVocabulary.STATE_MESSAGE)
            String state) {
    }

    record PoolResponse(String id, String name, String modelId, String region, Instant createdAt) {

        static PoolResponse of(Pool pool) {
            return new PoolResponse(pool.getId().toString(), pool.getName(), pool.getModelId().toString(),
                    pool.getRegion(), pool.getCreatedAt());
        }
    }

    record EndpointResponse(String id, String poolId, String baseUrl, String region, int weight, String state,
            Instant createdAt) {

        static EndpointResponse of(Endpoint endpoint) {
            return new EndpointResponse(endpoint.getId().toString(), endpoint.getPoolId().toString(),
                    endpoint.getBaseUrl(), endpoint.getRegion(), endpoint.getWeight(), endpoint.getState(),
                    endpoint.getCreatedAt());
        }
    }
}
