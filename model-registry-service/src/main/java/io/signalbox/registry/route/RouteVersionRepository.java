package io.signalbox.registry.route;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.repository.Repository;

interface RouteVersionRepository extends Repository<RouteVersion, RouteVersion.Key> {

    RouteVersion save(RouteVersion version);

    Page<RouteVersion> findByRouteId(UUID routeId, Pageable page);

    Optional<RouteVersion> findByRouteIdAndVersion(UUID routeId, long version);
}
