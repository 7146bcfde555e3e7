package io.signalbox.registry.pool;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import io.signalbox.registry.change.RegistryChanges;
import io.signalbox.registry.common.AlreadyExistsException;
import io.signalbox.registry.common.Filters;
import io.signalbox.registry.common.NotFoundException;
import io.signalbox.registry.model.ModelRepository;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates, reads, changes and deletes pools and their endpoints. Input has been validated by the web adapter. */
@Service
public class PoolService {

    private static final String POOL = "pool";

    private static final String ENDPOINT = "endpoint";

    private final PoolRepository pools;

    private final EndpointRepository endpoints;

    private final ModelRepository models;

    private final RegistryChanges changes;

    private final Clock clock;

    PoolService(PoolRepository pools, EndpointRepository endpoints, ModelRepository models, RegistryChanges changes,
            Clock clock) {
        this.pools = pools;
        this.endpoints = endpoints;
        this.models = models;
        this.changes = changes;
        this.clock = clock;
    }

    /**
     * @throws NotFoundException when the model does not exist
     * @throws AlreadyExistsException when the name is taken
     */
    @Transactional
    public Pool create(PoolSpec spec) {
        requireModel(spec.modelId());
        if (pools.existsByName(spec.name())) {
            throw nameTaken(spec.name());
        }
        Pool pool = pools.save(new Pool(spec, clock.instant()));
        changes.created(POOL, pool.getId(), pool.auditState());
        return pool;
    }

    /**
     * Changes a pool. Its endpoints keep their own regions.
     *
     * @param expectedRevision the revision the change was made against, or null for any
     * @throws NotFoundException when the pool or the model does not exist
     * @throws AlreadyExistsException when another pool has the name
     */
    @Transactional
    public Pool update(UUID id, @Nullable Long expectedRevision, PoolSpec spec) {
        Pool pool = get(id);
        if (expectedRevision != null) {
            pool.requireRevision(POOL, expectedRevision);
        }
        requireModel(spec.modelId());
        if (pools.existsByNameAndIdNot(spec.name(), id)) {
            throw nameTaken(spec.name());
        }
        Pool.AuditState before = pool.auditState();
        pool.update(spec, clock.instant());
        changes.updated(POOL, id, before, pool.auditState());
        pools.flush();
        return pool;
    }

    /** Deletes a pool with its endpoints, which serve nothing without it; each deletion is recorded. */
    @Transactional
    public void delete(UUID id, @Nullable Long expectedRevision) {
        Pool pool = get(id);
        if (expectedRevision != null) {
            pool.requireRevision(POOL, expectedRevision);
        }
        for (Endpoint endpoint : endpoints.findByPoolId(id, Sort.by("createdAt", "id"))) {
            endpoints.delete(endpoint);
            changes.deleted(ENDPOINT, endpoint.getId(), endpoint.auditState());
        }
        endpoints.flush();
        pools.delete(pool);
        changes.deleted(POOL, id, pool.auditState());
    }

    /** Filters: model, region and part of the name; each optional. */
    @Transactional(readOnly = true)
    public Page<Pool> list(@Nullable UUID modelId, @Nullable String region, @Nullable String q, Pageable page) {
        return pools.findAll(new Filters<Pool>().equal("modelId", modelId).equal("region", region)
                .contains("name", q).toSpecification(), page);
    }

    /** The pool with this name, if any. */
    @Transactional(readOnly = true)
    public Optional<Pool> findByName(String name) {
        return pools.findByName(name);
    }

    /** Whether the pool has an endpoint at this URL. */
    @Transactional(readOnly = true)
    public boolean hasEndpoint(UUID poolId, String baseUrl) {
        return endpoints.existsByPoolIdAndBaseUrl(poolId, baseUrl);
    }

    /** @throws NotFoundException when there is no such pool */
    @Transactional(readOnly = true)
    public Pool get(UUID id) {
        return pools.findById(id).orElseThrow(() -> new NotFoundException(POOL, id.toString()));
    }

    /**
     * Adds an endpoint to a pool; it serves from the pool's region unless another is given.
     *
     * @throws NotFoundException when the pool does not exist
     * @throws AlreadyExistsException when the pool already has an endpoint at that URL
     */
    @Transactional
    public Endpoint addEndpoint(UUID poolId, String baseUrl, @Nullable String region, int weight, String state,
            @Nullable String metricsUrl) {
        Pool pool = get(poolId);
        if (endpoints.existsByPoolIdAndBaseUrl(poolId, baseUrl)) {
            throw urlTaken(pool, baseUrl);
        }
        Endpoint endpoint = endpoints.save(new Endpoint(poolId, baseUrl, region == null ? pool.getRegion() : region,
                weight, state, metricsUrl, clock.instant()));
        changes.created(ENDPOINT, endpoint.getId(), endpoint.auditState());
        return endpoint;
    }

    /**
     * Changes an endpoint, typically its state ({@code draining} before maintenance) or weight.
     *
     * @throws NotFoundException when the pool or the endpoint does not exist
     * @throws AlreadyExistsException when another endpoint of the pool has the URL
     */
    @Transactional
    public Endpoint updateEndpoint(UUID poolId, UUID endpointId, @Nullable Long expectedRevision, String baseUrl,
            @Nullable String region, int weight, String state, @Nullable String metricsUrl) {
        Pool pool = get(poolId);
        Endpoint endpoint = endpoint(poolId, endpointId);
        if (expectedRevision != null) {
            endpoint.requireRevision(ENDPOINT, expectedRevision);
        }
        if (endpoints.existsByPoolIdAndBaseUrlAndIdNot(poolId, baseUrl, endpointId)) {
            throw urlTaken(pool, baseUrl);
        }
        Endpoint.AuditState before = endpoint.auditState();
        endpoint.update(baseUrl, region == null ? pool.getRegion() : region, weight, state, metricsUrl,
                clock.instant());
        changes.updated(ENDPOINT, endpointId, before, endpoint.auditState());
        endpoints.flush();
        return endpoint;
    }

    @Transactional
    public void deleteEndpoint(UUID poolId, UUID endpointId, @Nullable Long expectedRevision) {
        Endpoint endpoint = endpoint(poolId, endpointId);
        if (expectedRevision != null) {
            endpoint.requireRevision(ENDPOINT, expectedRevision);
        }
        endpoints.delete(endpoint);
        changes.deleted(ENDPOINT, endpointId, endpoint.auditState());
    }

    /** A pool's endpoints, all or those in one state. */
    @Transactional(readOnly = true)
    public Page<Endpoint> endpoints(UUID poolId, @Nullable String state, Pageable page) {
        get(poolId);
        return state == null ? endpoints.findByPoolId(poolId, page)
                : endpoints.findByPoolIdAndState(poolId, state, page);
    }

    @Transactional(readOnly = true)
    public Endpoint endpoint(UUID poolId, UUID endpointId) {
        return endpoints.findByIdAndPoolId(endpointId, poolId)
                .orElseThrow(() -> new NotFoundException(ENDPOINT, endpointId.toString()));
    }

    private void requireModel(UUID modelId) {
        if (!models.existsById(modelId)) {
            throw new NotFoundException("model", modelId.toString());
        }
    }

    private static AlreadyExistsException nameTaken(String name) {
        return new AlreadyExistsException(POOL, "name", "A pool named '" + name + "' already exists.");
    }

    private static AlreadyExistsException urlTaken(Pool pool, String baseUrl) {
        return new AlreadyExistsException(ENDPOINT, "baseUrl",
                "Pool '" + pool.getName() + "' already has an endpoint at " + baseUrl + ".");
    }
}
