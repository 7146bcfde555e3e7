package io.signalbox.registry.key;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

public interface VirtualKeyRepository extends JpaRepository<VirtualKey, UUID> {

    Optional<VirtualKey> findByKeyHash(String keyHash);

    Page<VirtualKey> findByTenantId(UUID tenantId, Pageable page);

    Page<VirtualKey> findByTeamId(UUID teamId, Pageable page);
}
