package io.signalbox.registry.tenant;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;

public interface TenantRepository extends JpaRepository<Tenant, UUID>, JpaSpecificationExecutor<Tenant> {

    boolean existsByName(String name);

    Optional<Tenant> findByName(String name);

    boolean existsByNameAndIdNot(String name, UUID id);

    /** Whether keys (revoked ones too) belong to the tenant; asked in SQL: the key package depends on this one. */
    @Query(value = "select exists (select 1 from virtual_keys where tenant_id = :id)", nativeQuery = true)
    boolean hasKeys(UUID id);
}
