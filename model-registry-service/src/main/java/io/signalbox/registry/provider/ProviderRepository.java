package io.signalbox.registry.provider;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;

public interface ProviderRepository extends JpaRepository<Provider, UUID>, JpaSpecificationExecutor<Provider> {

    boolean existsByName(String name);

    Optional<Provider> findByName(String name);

    boolean existsByNameAndIdNot(String name, UUID id);

    @Override
    List<Provider> findAll(Sort sort);

    /** Whether models still name the provider; asked in SQL because the model package depends on this one. */
    @Query(value = "select exists (select 1 from models where provider_id = :id)", nativeQuery = true)
    boolean hasModels(UUID id);

    /** Whether a tenant's price adjustment names the provider; asked in SQL: the tenant package depends on this one. */
    @Query(value = "select exists (select 1 from tenant_price_adjustments where provider_id = :id)", nativeQuery = true)
    boolean hasPriceAdjustments(UUID id);
}
