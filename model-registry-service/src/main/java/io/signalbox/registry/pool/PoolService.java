package io.signalbox.registry.pool;

import java.time.Clock;
import java.util.UUID;

import io.signalbox.registry.change.RegistryChanges;
import io.signalbox.registry.common.AlreadyExistsException;
import io.signalbox.registry.common.NotFoundException;
import io.signalbox.registry.model.ModelRepository;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates and reads pools and their endpoints. Input has been validated by the web adapter. */
@Service
public class PoolService {

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
    public Pool create(String name, UUID modelId, String region) {
        if (!models.existsById(modelId)) {
            throw new NotFoundException("model", modelId.toString());
        }
        if (pools.existsByName(name)) {
            throw new AlreadyExistsException("pool", "name", "A pool named '" + name + "' already exists.");
        }
        Pool pool = pools.save(new Pool(name, modelId, region, clock.instant()));
        changes.created("pool", pool.getId());
        return pool;
    }

    @Transactional(readOnly = true)
    public Page<Pool> list(Pageable page) {
        return pools.findAll(page);
    }

    /** @throws NotFoundException when there is no such pool */
    @Transactional(readOnly = true)
    public Pool get(UUID id) {
        return pools.findById(id).orElseThrow(() -> new NotFoundException("pool", id.toString()));
    }

    /**
     * Adds an endpoint to a pool; it serves from the pool's region unless another is given.
     *
     * @throws NotFoundException when the pool does not exist
     * @throws AlreadyExistsException when the pool already has an endpoint at that URL
     */
    @Transactional
    public Endpoint addEndpoint(UUID poolId, String baseUrl, @Nullable String region, int weight, String state) {
        Pool pool = get(poolId);
        if (endpoints.existsByPoolIdAndBaseUrl(poolId, baseUrl)) {
            throw new AlreadyExistsException("endpoint", "baseUrl",
                    "Pool '" + pool.getName() + "' already has an endpoint at " + baseUrl + ".");
        }
        Endpoint endpoint = endpoints.save(new Endpoint(poolId, baseUrl, region == null ? pool.getRegion() : region,
                weight, state, clock.instant()));
        changes.created("endpoint", endpoint.getId());
        return endpoint;
    }

    @Transactional(readOnly = true)
    public Page<Endpoint> endpoints(UUID poolId, Pageable page) {
        get(poolId);
        return endpoints.findByPoolId(poolId, page);
    }

    @Transactional(readOnly = true)
    public Endpoint endpoint(UUID poolId, UUID endpointId) {
        return endpoints.findByIdAndPoolId(endpointId, poolId)
                .orElseThrow(() -> new NotFoundException("endpoint", endpointId.toString()));
    }
}
