package io.signalbox.registry.pool;

import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

public interface PoolRepository extends JpaRepository<Pool, UUID> {

    boolean existsByName(String name);
}
