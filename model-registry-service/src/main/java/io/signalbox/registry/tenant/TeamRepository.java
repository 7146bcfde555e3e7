package io.signalbox.registry.tenant;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;

public interface TeamRepository extends JpaRepository<Team, UUID>, JpaSpecificationExecutor<Team> {

    boolean existsByTenantIdAndName(UUID tenantId, String name);

    boolean existsByTenantIdAndNameAndIdNot(UUID tenantId, String name, UUID id);

    boolean existsByTenantId(UUID tenantId);

    Optional<Team> findByTenantIdAndName(UUID tenantId, String name);

    /** Whether keys (revoked ones too) belong to the team. */
    @Query(value = "select exists (select 1 from virtual_keys where team_id = :id)", nativeQuery = true)
    boolean hasKeys(UUID id);
}
