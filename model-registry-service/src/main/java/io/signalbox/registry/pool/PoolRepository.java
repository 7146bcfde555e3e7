package io.signalbox.registry.pool;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

public interface PoolRepository extends JpaRepository<Pool, UUID>, JpaSpecificationExecutor<Pool> {

    boolean existsByName(String name);

    Optional<Pool> findByName(String name);

    boolean existsByNameAndIdNot(String name, UUID id);
}
