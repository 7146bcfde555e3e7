package io.signalbox.routing.decision;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

import io.signalbox.contracts.catalog.ModelInfo;
import io.signalbox.contracts.catalog.ProviderInfo;
import io.signalbox.contracts.catalog.RouteInfo;
import io.signalbox.contracts.catalog.RouteTarget;
import io.signalbox.contracts.decision.AvailableModel;
import io.signalbox.contracts.decision.DecisionRequest;
import io.signalbox.contracts.decision.DecisionResponse;
import io.signalbox.contracts.decision.DecisionTarget;
import io.signalbox.routing.catalog.Catalog;
import io.signalbox.routing.catalog.CatalogHolder;
import io.signalbox.routing.decision.TargetExpander.Expansion;
import io.signalbox.routing.policy.Policy;
import io.signalbox.routing.policy.PolicyChoice;
import io.signalbox.routing.policy.PolicyRegistry;
import io.signalbox.routing.policy.PolicyRequest;
import io.signalbox.routing.policy.StaticPolicy;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides where one request goes, in three steps: resolve the requested name to a route (an alias,
 * or a model named directly, which routes statically to itself); filter the route's models down to
 * those that can serve now; let the route's policy order them and expand each into its targets.
 * Works on one catalog reference from start to end and does no I/O.
 */
public class DecisionEngine {

    private static final Logger log = LoggerFactory.getLogger(DecisionEngine.class);

    private final CatalogHolder catalogs;

    private final PolicyRegistry policies;

    private final Clock clock;

    private final TargetExpander expander;

    public DecisionEngine(CatalogHolder catalogs, PolicyRegistry policies, Clock clock,
            Supplier<? extends RandomGenerator> random) {
        this.catalogs = catalogs;
        this.policies = policies;
        this.clock = clock;
        this.expander = new TargetExpander(random);
    }

    /**
     * @throws io.signalbox.routing.catalog.CatalogUnavailableException before the first catalog load
     * @throws UnknownModelException when the name is neither a route alias nor a model
     * @throws NoAvailableTargetException when nothing behind the name can serve
     * @throws UnsupportedPolicyException when the route's policy type is not available here
     */
    public DecisionResponse decide(DecisionRequest request) {
        return decide(catalogs.current(), request);
    }

    /** Route aliases and routable models, sorted by id. */
    public List<AvailableModel> availableModels() {
        return catalogs.current().availableModels();
    }

    DecisionResponse decide(Catalog catalog, DecisionRequest request) {
        Resolution resolution = resolve(catalog, request.model());
        Policy policy = policies.find(resolution.policyType())
                .orElseThrow(() -> new UnsupportedPolicyException(request.model(), resolution.policyType(),
                        policies.types()));
        Instant now = clock.instant();

        List<RouteTarget> viable = new ArrayList<>();
        Map<String, Expansion> expansions = new HashMap<>();
        List<String> skipped = new ArrayList<>();
        boolean onlyEndpointsMissing = false;
        for (RouteTarget candidate : resolution.targets()) {
            Expansion known = expansions.get(candidate.modelId());
            if (known != null) {
                if (!known.targets().isEmpty()) {
                    viable.add(candidate);
                }
                continue;
            }
            ModelInfo model = catalog.model(candidate.modelId());
            Expansion expansion;
            if (model == null) {
                expansion = Expansion.unavailable("not in catalog", false);
            }
            else if (!Catalog.isRoutable(model)) {
                expansion = Expansion.unavailable(model.status(), false);
            }
            else {
                expansion = expander.expand(catalog, model, now);
            }
            expansions.put(candidate.modelId(), expansion);
            if (expansion.targets().isEmpty()) {
                String name = model != null ? model.name() : candidate.modelId();
                skipped.add(name + " (" + expansion.unavailableReason() + ")");
                onlyEndpointsMissing |= expansion.temporary();
            }
            else {
                viable.add(candidate);
            }
        }
        if (viable.isEmpty()) {
            throw new NoAvailableTargetException(request.model(), onlyEndpointsMissing,
                    "Nothing behind " + resolution.subject() + " can serve now: " + String.join(", ", skipped) + ".");
        }

        PolicyChoice choice = policy.choose(new PolicyRequest(resolution.routeId(), viable,
                normalise(request.stickyKey())));
        List<DecisionTarget> targets = new ArrayList<>();
        Set<String> expanded = new HashSet<>();
        for (RouteTarget target : choice.ordered()) {
            Expansion expansion = expansions.get(target.modelId());
            if (expansion != null && expanded.add(target.modelId())) {
                targets.addAll(expansion.targets());
            }
        }

        DecisionTarget picked = targets.getFirst();
        String decisionId = UUID.randomUUID().toString();
        String explanation = explain(catalog, resolution, choice, picked, targets.size() - 1, skipped);
        log.info("decision={} request={} requested='{}' route={} policy={} picked={} endpoint={} targets={} catalog={}",
                decisionId, request.requestId(), request.model(), resolution.alias() != null ? resolution.alias() : "-",
                policy.type(), picked.modelName(), picked.endpointId() != null ? picked.endpointId() : picked.baseUrl(),
                targets.size(), catalog.version());
        return new DecisionResponse(decisionId, request.model(), resolution.alias(), policy.type(), targets,
                explanation, catalog.version());
    }

    private static Resolution resolve(Catalog catalog, String requested) {
        RouteInfo route = catalog.routeByAlias(requested);
        if (route != null) {
            return new Resolution(route.alias(), route.id(), route.policyType(), route.targets(),
                    "route '" + route.alias() + "'");
        }
        ModelInfo model = catalog.modelByNameOrUpstreamId(requested);
        if (model != null) {
            return new Resolution(null, "model:" + model.id(), StaticPolicy.TYPE,
                    List.of(new RouteTarget(model.id(), 1)), "model '" + requested + "'");
        }
        throw new UnknownModelException(requested);
    }

    private static @Nullable String normalise(@Nullable String stickyKey) {
        return stickyKey == null || stickyKey.isBlank() ? null : stickyKey;
    }

    private static String explain(Catalog catalog, Resolution resolution, PolicyChoice choice, DecisionTarget picked,
            int fallbacks, List<String> skipped) {
        StringBuilder line = new StringBuilder()
                .append(resolution.subject()).append(" (").append(choice.summary()).append(") picked ")
                .append(picked.modelName());
        if (picked.endpointId() != null) {
            line.append(" on ").append(picked.endpointId());
        }
        else {
            ProviderInfo provider = catalog.provider(picked.providerId());
            line.append(" via ").append(provider != null ? provider.name() : picked.providerId());
        }
        line.append("; ").append(switch (fallbacks) {
            case 0 -> "no fallback";
            case 1 -> "1 fallback";
            default -> fallbacks + " fallbacks";
        });
        if (!skipped.isEmpty()) {
            line.append("; skipped ").append(String.join(", ", skipped));
        }
        return line.toString();
    }

    /**
     * What the requested name resolved to.
     *
     * @param alias the route alias, null for a model named directly
     * @param subject how the explanation names it
     */
    private record Resolution(@Nullable String alias, String routeId, String policyType, List<RouteTarget> targets,
            String subject) {
    }
}
