package io.signalbox.registry.route;

import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

public interface RouteRepository extends JpaRepository<Route, UUID> {

    boolean existsByAlias(String alias);
}
