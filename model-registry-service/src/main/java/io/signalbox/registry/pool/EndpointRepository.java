package io.signalbox.registry.pool;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.repository.Repository;

public interface EndpointRepository extends Repository<Endpoint, UUID> {

    Endpoint save(Endpoint endpoint);

    void delete(Endpoint endpoint);

    void flush();

    Optional<Endpoint> findByIdAndPoolId(UUID id, UUID poolId);

    Page<Endpoint> findByPoolId(UUID poolId, Pageable page);

    Page<Endpoint> findByPoolIdAndState(UUID poolId, String state, Pageable page);

    List<Endpoint> findByPoolId(UUID poolId, Sort sort);

    boolean existsByPoolIdAndBaseUrl(UUID poolId, String baseUrl);

    boolean existsByPoolIdAndBaseUrlAndIdNot(UUID poolId, String baseUrl, UUID id);

    List<Endpoint> findAll(Sort sort);
}
