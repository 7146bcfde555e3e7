package io.signalbox.registry.model;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;

public interface ModelRepository extends JpaRepository<Model, UUID>, JpaSpecificationExecutor<Model> {

    boolean existsByName(String name);

    Optional<Model> findByName(String name);

    boolean existsByNameAndIdNot(String name, UUID id);

    /** Whether a pool serves the model (asked in SQL: the pool package depends on this one). */
    @Query(value = "select exists (select 1 from pools where model_id = :id)", nativeQuery = true)
    boolean isServedByPool(UUID id);

    /** Whether a route's policy names the model as a target. */
    @Query(value = """
            select exists (select 1 from routes r, jsonb_array_elements(r.targets) t
                           where t ->> 'modelId' = cast(:id as text))""", nativeQuery = true)
    boolean isRouteTarget(UUID id);

    /**
     * Whether a route already uses the name as its alias. Clients send either as {@code model}, so
     * models and aliases share one namespace; asked in SQL to keep the model package independent of
     * the route package, which depends on models.
     */
    @Query(value = "select exists (select 1 from routes where alias = :name)", nativeQuery = true)
    boolean isRouteAlias(String name);

    /** Whether a tenant's price adjustment names the model (asked in SQL: the tenant package depends on this one). */
    @Query(value = "select exists (select 1 from tenant_price_adjustments where model_id = :id)", nativeQuery = true)
    boolean hasPriceAdjustments(UUID id);
}
