package io.signalbox.registry.tenant;

import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

public interface TeamRepository extends JpaRepository<Team, UUID> {

    boolean existsByTenantIdAndName(UUID tenantId, String name);

    Page<Team> findByTenantId(UUID tenantId, Pageable page);
}
