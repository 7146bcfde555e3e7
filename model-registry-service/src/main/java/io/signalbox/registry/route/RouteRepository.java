package io.signalbox.registry.route;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

public interface RouteRepository extends JpaRepository<Route, UUID>, JpaSpecificationExecutor<Route> {

    boolean existsByAlias(String alias);

    Optional<Route> findByAlias(String alias);

    boolean existsByAliasAndIdNot(String alias, UUID id);
}
