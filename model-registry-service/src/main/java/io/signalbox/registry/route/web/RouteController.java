package io.signalbox.registry.route.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.signalbox.registry.common.Ids;
import io.signalbox.registry.common.ListPage;
import io.signalbox.registry.common.ValidationFailedException;
import io.signalbox.registry.common.web.Revisions;
import io.signalbox.registry.route.Route;
import io.signalbox.registry.route.RoutePolicyRules;
import io.signalbox.registry.route.RouteService;
import io.signalbox.registry.route.RouteVersion;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/routes")
class RouteController {

    private static final Sort ORDER = Sort.by("createdAt", "id");

    private static final Sort VERSION_ORDER = Sort.by("version");

    private final RouteService routes;

    RouteController(RouteService routes) {
        this.routes = routes;
    }

    /** The route rules live in {@link RoutePolicyRules}, so the request is not bean-validated here. */
    @PostMapping
    ResponseEntity<RouteResponse> create(@RequestBody RouteRequest request) {
        PolicyBody policy = requirePolicy(request);
        Route route = routes.create(request.alias(), policy.type(), policy.targets(), policy.parameters());
        return ResponseEntity.created(URI.create("/api/v1/routes/" + route.getId()))
                .eTag(Revisions.etag(route.getRevision())).body(RouteResponse.of(route));
    }

    /** Filters: {@code policyType}, {@code q} (part of the alias). */
    @GetMapping
    ListPage<RouteResponse> list(@RequestParam(required = false) @Nullable String policyType,
            @RequestParam(required = false) @Nullable String q, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "" + ListPage.DEFAULT_SIZE) int size) {
        return ListPage.of(routes.list(policyType, q, ListPage.request(page, size, ORDER)), RouteResponse::of);
    }

    @GetMapping("/{id}")
    ResponseEntity<RouteResponse> get(@PathVariable String id) {
        Route route = routes.get(Ids.parse("route", id));
        return Revisions.ok(RouteResponse.of(route), route.getRevision());
    }

    /** Replaces alias and policy; the route's {@code version} goes up by one and the old one is kept. */
    @PutMapping("/{id}")
    ResponseEntity<RouteResponse> update(@PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            @RequestBody RouteRequest request) {
        Long revision = Revisions.required(ifMatch);
        PolicyBody policy = requirePolicy(request);
        Route route = routes.update(Ids.parse("route", id), revision, request.alias(), policy.type(),
                policy.targets(), policy.parameters());
        return Revisions.ok(RouteResponse.of(route), route.getRevision());
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
        routes.delete(Ids.parse("route", id), Revisions.optional(ifMatch));
        return ResponseEntity.noContent().build();
    }

    /** Every version of the route, oldest first. */
    @GetMapping("/{id}/versions")
    ListPage<VersionResponse> versions(@PathVariable String id, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "" + ListPage.DEFAULT_SIZE) int size) {
        return ListPage.of(routes.versions(Ids.parse("route", id), ListPage.request(page, size, VERSION_ORDER)),
                VersionResponse::of);
    }

    /**
     * Makes {@code version} current again, as a new version. {@code If-Match} is optional: the body names
     * exactly what the route becomes.
     */
    @PostMapping("/{id}/rollback")
    ResponseEntity<RouteResponse> rollback(@PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            @RequestBody RollbackRequest request) {
        if (request.version() == null) {
            throw ValidationFailedException.of("version", "is required");
        }
        Route route = routes.rollback(Ids.parse("route", id), Revisions.optional(ifMatch), request.version());
        return Revisions.ok(RouteResponse.of(route), route.getRevision());
    }

    static PolicyBody requirePolicy(RouteRequest request) {
        PolicyBody policy = request.policy();
        if (policy == null) {
            throw ValidationFailedException.of("policy", "is required");
        }
        return policy;
    }

    /** {@code routeId}, when given, lets a validation treat the route's own alias as free. */
    record RouteRequest(@Nullable String alias, @Nullable PolicyBody policy, @Nullable UUID routeId) {
    }

    record PolicyBody(@Nullable String type, @Nullable List<RoutePolicyRules.@Nullable TargetDraft> targets,
            @Nullable Map<String, @Nullable Object> parameters) {
    }

    record RollbackRequest(@Nullable Long version) {
    }

    record TargetBody(String modelId, int weight) {
    }

    record PolicyResponse(String type, List<TargetBody> targets, @Nullable Map<String, @Nullable Object> parameters) {

        static PolicyResponse of(RoutePolicyRules.Policy policy) {
            return new PolicyResponse(policy.type(), policy.targets().stream()
                    .map(target -> new TargetBody(target.modelId().toString(), target.weight()))
                    .toList(), policy.parameters());
        }
    }

    record RouteResponse(String id, String alias, PolicyResponse policy, long version, long revision,
            Instant createdAt, Instant updatedAt) {

        static RouteResponse of(Route route) {
            return new RouteResponse(route.getId().toString(), route.getAlias(), PolicyResponse.of(route.policy()),
                    route.getVersion(), route.getRevision(), route.getCreatedAt(), route.getUpdatedAt());
        }
    }

    record VersionResponse(String routeId, long version, String alias, PolicyResponse policy, Instant createdAt,
            String actor) {

        static VersionResponse of(RouteVersion version) {
            return new VersionResponse(version.getRouteId().toString(), version.getVersion(), version.getAlias(),
                    PolicyResponse.of(version.policy()), version.getCreatedAt(), version.getActor());
        }
    }
}
