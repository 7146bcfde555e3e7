package io.signalbox.registry.model;

import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface ModelRepository extends JpaRepository<Model, UUID> {

    boolean existsByName(String name);

    /**
     * Whether a route already uses the name as its alias. Clients send either as {@code model}, so
     * models and aliases share one namespace; asked in SQL to keep the model package independent of
     * the route package, which depends on models.
     */
    @Query(value = "select exists (select 1 from routes where alias = :name)", nativeQuery = true)
    boolean isRouteAlias(String name);
}
