package io.signalbox.registry.route;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import io.signalbox.registry.change.RegistryChanges;
import io.signalbox.registry.common.AlreadyExistsException;
import io.signalbox.registry.common.NotFoundException;
import io.signalbox.registry.common.Violations;
import io.signalbox.registry.model.ModelRepository;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates and reads routes. */
@Service
public class RouteService {

    private final RouteRepository routes;

    private final ModelRepository models;

    private final RegistryChanges changes;

    private final Clock clock;

    RouteService(RouteRepository routes, ModelRepository models, RegistryChanges changes, Clock clock) {
        this.routes = routes;
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
            @Nullable List<RoutePolicyRules.@Nullable TargetDraft> targets) {
        RoutePolicyRules.Policy policy = RoutePolicyRules.check(alias, policyType, targets);
        String checkedAlias = alias == null ? "" : alias;
        Violations violations = new Violations();
        for (int i = 0; i < policy.targets().size(); i++) {
            UUID modelId = policy.targets().get(i).modelId();
            if (!models.existsById(modelId)) {
                violations.add("policy.targets[" + i + "].modelId", "no model with id '" + modelId + "'");
            }
        }
        violations.throwIfAny();
        if (routes.existsByAlias(checkedAlias)) {
            throw new AlreadyExistsException("route", "alias", "A route with alias '" + checkedAlias + "' already exists.");
        }
        if (models.existsByName(checkedAlias)) {
            throw new AlreadyExistsException("route", "alias",
                    "'" + checkedAlias + "' is a model name; clients could not tell the route from the model.");
        }
        Route route = routes.save(new Route(checkedAlias, policy, clock.instant()));
        changes.created("route", route.getId());
        return route;
    }

    @Transactional(readOnly = true)
    public Page<Route> list(Pageable page) {
        return routes.findAll(page);
    }

    /** @throws NotFoundException when there is no such route */
    @Transactional(readOnly = true)
    public Route get(UUID id) {
        return routes.findById(id).orElseThrow(() -> new NotFoundException("route", id.toString()));
    }
}
