package io.signalbox.registry.route;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.UUID;

import io.signalbox.registry.audit.Actors;
import io.signalbox.registry.change.RegistryChanges;
import io.signalbox.registry.common.AlreadyExistsException;
import io.signalbox.registry.common.Filters;
import io.signalbox.registry.common.NotFoundException;
import io.signalbox.registry.common.Violations;
import io.signalbox.registry.model.ModelRepository;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates, reads, changes, versions, rolls back and deletes routes. */
@Service
public class RouteService {

    private static final String ENTITY = "route";

    private final RouteRepository routes;

    private final RouteVersionRepository versions;

    private final Actors actors;

    private final ModelRepository models;

    private final RegistryChanges changes;

    private final Clock clock;

    RouteService(RouteRepository routes, RouteVersionRepository versions, Actors actors, ModelRepository models,
            RegistryChanges changes, Clock clock) {
        this.routes = routes;
        this.versions = versions;
        this.actors = actors;
        this.models = models;
        this.changes = changes;
        this.clock = clock;
    }

    /**
     * @throws io.signalbox.registry.common.ValidationFailedException when the alias or policy breaks a
     *     {@link RoutePolicyRules} rule, or a target model does not exist
     * @throws AlreadyExistsException when a route or a model already uses the alias
     */
    @Transactional
    public Route create(@Nullable String alias, @Nullable String policyType,
            @Nullable List<RoutePolicyRules.@Nullable TargetDraft> targets,
            @Nullable Map<String, @Nullable Object> parameters) {
        changes.takeTurn();
        RoutePolicyRules.Policy policy = check(alias, policyType, targets, parameters, null);
        Route route = routes.save(new Route(alias == null ? "" : alias, policy, clock.instant()));
        versions.save(new RouteVersion(route, route.getCreatedAt(), actors.current()));
        changes.created(ENTITY, route.getId(), route.auditState());
        return route;
    }

    /**
     * Checks a route without saving it: every rule a create would apply, including that the target
     * models exist and the alias is free (for the route {@code self}, when it is an update).
     *
     * @return the normalised policy
     * @throws io.signalbox.registry.common.ValidationFailedException listing every broken rule
     * @throws AlreadyExistsException when the alias is taken
     */
    @Transactional(readOnly = true)
    public RoutePolicyRules.Policy validate(@Nullable String alias, @Nullable String policyType,
            @Nullable List<RoutePolicyRules.@Nullable TargetDraft> targets,
            @Nullable Map<String, @Nullable Object> parameters, @Nullable UUID self) {
        return check(alias, policyType, targets, parameters, self);
    }

    /**
     * Replaces the alias and policy; the route's {@code version} goes up by one.
     *
     * @param expectedRevision the revision the change was made against, or null for any
     * @throws io.signalbox.registry.common.StaleRevisionException when the route changed since
     */
    @Transactional
    public Route update(UUID id, @Nullable Long expectedRevision, @Nullable String alias, @Nullable String policyType,
            @Nullable List<RoutePolicyRules.@Nullable TargetDraft> targets,
            @Nullable Map<String, @Nullable Object> parameters) {
        changes.takeTurn();
        Route route = get(id);
        if (expectedRevision != null) {
            route.requireRevision(ENTITY, expectedRevision);
        }
        RoutePolicyRules.Policy policy = check(alias, policyType, targets, parameters, id);
        return saveNewVersion(route, alias == null ? "" : alias, policy);
    }

    /**
     * Makes an earlier version current again, as a new version (history is never rewritten). The old
     * version is checked like any change: its target models must still exist and its alias be free.
     *
     * @throws NotFoundException when the route or the version does not exist
     */
    @Transactional
    public Route rollback(UUID id, @Nullable Long expectedRevision, long version) {
        changes.takeTurn();
        Route route = get(id);
        if (expectedRevision != null) {
            route.requireRevision(ENTITY, expectedRevision);
        }
        RouteVersion target = versions.findByRouteIdAndVersion(id, version)
                .orElseThrow(() -> new NotFoundException("route version", id + "@" + version));
        RoutePolicyRules.Policy old = target.policy();
        List<RoutePolicyRules.@Nullable TargetDraft> drafts = old.targets().stream()
                .map(t -> new RoutePolicyRules.TargetDraft(t.modelId(), t.weight()))
                .collect(Collectors.toList());
        RoutePolicyRules.Policy policy = check(target.getAlias(), old.type(), drafts, old.parameters(), id);
        return saveNewVersion(route, target.getAlias(), policy);
    }

    /** The route's versions, oldest first. */
    @Transactional(readOnly = true)
    public Page<RouteVersion> versions(UUID id, Pageable page) {
        get(id);
        return versions.findByRouteId(id, page);
    }

    private Route saveNewVersion(Route route, String alias, RoutePolicyRules.Policy policy) {
        Route.AuditState before = route.auditState();
        route.update(alias, policy, clock.instant());
        routes.flush();
        versions.save(new RouteVersion(route, route.getUpdatedAt(), actors.current()));
        changes.updated(ENTITY, route.getId(), before, route.auditState());
        return route;
    }

    /** Deletes a route; clients sending its alias get "model not found" from then on. */
    @Transactional
    public void delete(UUID id, @Nullable Long expectedRevision) {
        Route route = get(id);
        if (expectedRevision != null) {
            route.requireRevision(ENTITY, expectedRevision);
        }
        routes.delete(route);
        changes.deleted(ENTITY, id, route.auditState());
    }

    /** Filters: policy type and part of the alias; each optional. */
    @Transactional(readOnly = true)
    public Page<Route> list(@Nullable String policyType, @Nullable String q, Pageable page) {
        return routes.findAll(new Filters<Route>().equal("policyType", policyType).contains("alias", q)
                .toSpecification(), page);
    }

    /** The route with this alias, if any. */
    @Transactional(readOnly = true)
    public Optional<Route> findByAlias(String alias) {
        return routes.findByAlias(alias);
    }

    /** @throws NotFoundException when there is no such route */
    @Transactional(readOnly = true)
    public Route get(UUID id) {
        return routes.findById(id).orElseThrow(() -> new NotFoundException(ENTITY, id.toString()));
    }

    private RoutePolicyRules.Policy check(@Nullable String alias, @Nullable String policyType,
            @Nullable List<RoutePolicyRules.@Nullable TargetDraft> targets,
            @Nullable Map<String, @Nullable Object> parameters, @Nullable UUID self) {
        RoutePolicyRules.Policy policy = RoutePolicyRules.check(alias, policyType, targets, parameters);
        String checkedAlias = alias == null ? "" : alias;
        Violations violations = new Violations();
        for (int i = 0; i < policy.targets().size(); i++) {
            UUID modelId = policy.targets().get(i).modelId();
            if (!models.existsById(modelId)) {
                violations.add("policy.targets[" + i + "].modelId", "no model with id '" + modelId + "'");
            }
        }
        UUID mirror = RoutePolicyRules.mirrorModel(policy.parameters());
        if (mirror != null && !models.existsById(mirror)) {
            violations.add("policy.parameters.mirror.modelId", "no model with id '" + mirror + "'");
        }
        violations.throwIfAny();
        if (self == null ? routes.existsByAlias(checkedAlias) : routes.existsByAliasAndIdNot(checkedAlias, self)) {
            throw new AlreadyExistsException(ENTITY, "alias",
                    "A route with alias '" + checkedAlias + "' already exists.");
        }
        if (models.existsByName(checkedAlias)) {
            throw new AlreadyExistsException(ENTITY, "alias",
                    "'" + checkedAlias + "' is a model name; clients could not tell the route from the model.");
        }
        return policy;
    }
}
