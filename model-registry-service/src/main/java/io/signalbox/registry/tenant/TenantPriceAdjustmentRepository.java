package io.signalbox.registry.tenant;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.repository.JpaRepository;

public interface TenantPriceAdjustmentRepository extends JpaRepository<TenantPriceAdjustment, UUID> {

    Page<TenantPriceAdjustment> findByTenantId(UUID tenantId, Pageable page);

    List<TenantPriceAdjustment> findByTenantId(UUID tenantId, Sort sort);

    Optional<TenantPriceAdjustment> findByIdAndTenantId(UUID id, UUID tenantId);

    boolean existsByTenantId(UUID tenantId);
}
