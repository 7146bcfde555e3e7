package io.signalbox.routing.decision;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

import io.signalbox.contracts.budget.BudgetStatus;
import io.signalbox.contracts.catalog.EndpointInfo;
import io.signalbox.contracts.catalog.ModelInfo;
import io.signalbox.contracts.catalog.PoolInfo;
import io.signalbox.contracts.catalog.PriceSnapshot;
import io.signalbox.contracts.catalog.ProviderInfo;
import io.signalbox.contracts.catalog.RouteInfo;
import io.signalbox.contracts.catalog.RouteTarget;
import io.signalbox.contracts.decision.AvailableModel;
import io.signalbox.contracts.decision.DecisionDetails;
import io.signalbox.contracts.decision.DecisionRequest;
import io.signalbox.contracts.decision.DecisionResponse;
import io.signalbox.contracts.decision.DecisionTarget;
import io.signalbox.routing.budget.BudgetExceededException;
import io.signalbox.routing.budget.BudgetStates;
import io.signalbox.routing.budget.TierStepDown;
import io.signalbox.routing.catalog.Catalog;
import io.signalbox.routing.catalog.CatalogHolder;
import io.signalbox.routing.complexity.Prompt;
import io.signalbox.routing.endpoint.EndpointPicker;
import io.signalbox.routing.endpoint.EndpointSignalStore;
import io.signalbox.routing.endpoint.EndpointSignals;
import io.signalbox.routing.health.EndpointHealthStore;
import io.signalbox.routing.pii.PiiDetector;
import io.signalbox.routing.policy.CandidateFacts;
import io.signalbox.routing.policy.Policy;
import io.signalbox.routing.policy.PolicyChoice;
import io.signalbox.routing.policy.PolicyRegistry;
import io.signalbox.routing.policy.PolicyRequest;
import io.signalbox.routing.policy.RouteParameters;
import io.signalbox.routing.policy.StaticPolicy;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides where one request goes: resolve the requested name to a route (an alias, or a model named
 * directly, which routes statically to itself); remove the candidates a hard constraint rules out
 * ({@link HardConstraints}); let the route's policy order the rest; expand each model into its endpoints,
 * ordered by the endpoint picker; put the targets telemetry reports unhealthy last. Works on one catalog reference
 * from start to end and does no I/O.
 */
public class DecisionEngine {

    private static final Logger decisions = LoggerFactory.getLogger("io.signalbox.routing.decisions");

    private final CatalogHolder catalogs;

    private final PolicyRegistry policies;

    private final Clock clock;

    private final TargetExpander expander;

    private final @Nullable EndpointPicker picker;

    private final @Nullable EndpointSignalStore signals;

    private final @Nullable BudgetStates budgets;

    private final @Nullable EndpointHealthStore health;

    private final PiiDetector pii = new PiiDetector();

    public DecisionEngine(CatalogHolder catalogs, PolicyRegistry policies, Clock clock,
            Supplier<? extends RandomGenerator> random) {
        this(catalogs, policies, clock, random, null, null);
    }

    public DecisionEngine(CatalogHolder catalogs, PolicyRegistry policies, Clock clock,
            Supplier<? extends RandomGenerator> random, @Nullable EndpointPicker picker,
            @Nullable EndpointSignalStore signals) {
        this(catalogs, policies, clock, random, picker, signals, null);
    }

    /** @param budgets budget state from cost-service; null: no budget is enforced */
    public DecisionEngine(CatalogHolder catalogs, PolicyRegistry policies, Clock clock,
            Supplier<? extends RandomGenerator> random, @Nullable EndpointPicker picker,
            @Nullable EndpointSignalStore signals, @Nullable BudgetStates budgets) {
        this(catalogs, policies, clock, random, picker, signals, budgets, null);
    }

    /** @param health telemetry's serving health; null: policies see only scraped signals and no target is avoided */
    public DecisionEngine(CatalogHolder catalogs, PolicyRegistry policies, Clock clock,
            Supplier<? extends RandomGenerator> random, @Nullable EndpointPicker picker,
            @Nullable EndpointSignalStore signals, @Nullable BudgetStates budgets,
            @Nullable EndpointHealthStore health) {
        this.health = health;
        this.budgets = budgets;
        this.catalogs = catalogs;
        this.policies = policies;
        this.clock = clock;
        this.picker = picker;
        this.signals = signals;
        this.expander = new TargetExpander(random, picker);
    }

    /**
     * @throws io.signalbox.routing.catalog.CatalogUnavailableException before the first catalog load
     * @throws UnknownModelException when the name is neither a route alias nor a model
     * @throws ConstraintsUnsatisfiedException when every candidate fails a hard constraint of this request
     * @throws NoAvailableTargetException when nothing behind the name can serve
     * @throws EndpointPicker.Shed when the request is sheddable and every endpoint that could serve it is saturated
     * @throws UnsupportedPolicyException when the route's policy type is not available here
     */
    public DecisionResponse decide(DecisionRequest request) {
        return decide(catalogs.current(), request, false);
    }

    /** As {@link #decide(DecisionRequest)}, with {@link DecisionResponse#details()} when {@code explain}. */
    public DecisionResponse decide(DecisionRequest request, boolean explain) {
        return decide(catalogs.current(), request, explain);
    }

    /** Route aliases and routable models, sorted by id. */
    public List<AvailableModel> availableModels() {
        return catalogs.current().availableModels();
    }

    /** As {@link #availableModels()}, without what the tenant's or team's allow-lists would refuse. */
    public List<AvailableModel> availableModels(@Nullable String tenantId, @Nullable String teamId) {
        return catalogs.current().availableModelsFor(tenantId, teamId);
    }

    DecisionResponse decide(Catalog catalog, DecisionRequest request) {
        return decide(catalog, request, false);
    }

    DecisionResponse decide(Catalog catalog, DecisionRequest request, boolean explain) {
        Resolution resolution = resolve(catalog, request.model());
        Policy policy = policies.find(resolution.policyType())
                .orElseThrow(() -> new UnsupportedPolicyException(request.model(), resolution.policyType(),
                        policies.types()));
        Instant now = clock.instant();
        BudgetStatus budget = budgets == null ? null
                : budgets.limiting(request.tenantId(), request.teamId(), request.keyId(), request.tags(), now);
        if (budget != null && BudgetStatus.HARD.equals(budget.state())) {
            throw new BudgetExceededException(budget);
        }
        Prompt prompt = prompt(request);
        PromptText text = new PromptText(prompt);
        // The PII scan and the prefix hashes cost a pass over up to 16 KiB: only when something reads them.
        boolean sensitive = (explain || HardConstraints.screensSensitiveData(resolution.parameters()))
                && text.sensitive();
        HardConstraints constraints = new HardConstraints(request, resolution.parameters(), sensitive, now,
                catalog.allowLists(request.tenantId(), request.teamId()), catalog.allowedRegions(request.tenantId()));
        EndpointPicker.Priority priority = EndpointPicker.Priority.of(request.priority());

        List<RouteTarget> viable = new ArrayList<>();
        Map<String, TargetExpander.Expansion> expansions = new HashMap<>();
        List<DecisionDetails.Candidate> considered = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        boolean onlyEndpointsMissing = false;
        boolean constrained = false;
        int candidates = 0;
        int notAllowed = 0;
        EndpointPicker.Shed shed = null;
        for (RouteTarget candidate : resolution.targets()) {
            if (expansions.containsKey(candidate.modelId())) {
                if (!expansions.get(candidate.modelId()).targets().isEmpty()) {
                    viable.add(candidate);
                }
                continue;
            }
            candidates++;
            ModelInfo model = catalog.model(candidate.modelId());
            TargetExpander.Expansion expansion;
            if (model == null) {
                expansion = TargetExpander.Expansion.unavailable("not in catalog", false);
                considered.add(filtered(candidate.modelId(), candidate.modelId(), null, "catalog", "not in catalog"));
            }
            else {
                HardConstraints.Rejection rejection = constraints.rejectModel(model);
                if (rejection != null) {
                    expansion = TargetExpander.Expansion.unavailable("status".equals(rejection.filter())
                            ? (Catalog.isRoutable(model) ? "retired on " + model.deprecationDate() : model.status())
                            : rejection.filter() + ": " + rejection.reason(), false);
                    // Neither a retired model nor a tenant's allow-list is something this request could change.
                    constrained |= !"status".equals(rejection.filter())
                            && !HardConstraints.ALLOW_LIST.equals(rejection.filter());
                    notAllowed += HardConstraints.ALLOW_LIST.equals(rejection.filter()) ? 1 : 0;
                    considered.add(filtered(model.id(), model.name(), null, rejection.filter(), rejection.reason()));
                }
                else {
                    try {
                        expansion = expander.expand(catalog, model, now, constraints, text::blocks, priority,
                                adapterOf(catalog, model), request.tenantId());
                    }
                    catch (EndpointPicker.Shed saturated) {
                        shed = saturated;
                        expansion = TargetExpander.Expansion.unavailable("shed: every endpoint is saturated", true);
                        considered.add(filtered(model.id(), model.name(), null, "shed", saturated.getMessage()));
                    }
                    considered.addAll(expansion.rejected());
                    constrained |= expansion.constrained();
                }
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
            String detail = "Nothing behind " + resolution.subject() + (constrained ? " can serve this request: "
                    : " can serve now: ") + String.join(", ", skipped) + ".";
            if (shed != null && !constrained) {
                throw shed;
            }
            if (notAllowed > 0 && notAllowed == candidates) {
                throw new ModelNotAllowedException(request.model(), "No model behind " + resolution.subject()
                        + " is on your tenant's and team's allow-lists: " + String.join(", ", skipped) + ".");
            }
            if (constrained) {
                throw new ConstraintsUnsatisfiedException(detail);
            }
            throw new NoAvailableTargetException(request.model(), onlyEndpointsMissing, detail);
        }

        Facts facts = new Facts(catalog, now, prompt, request);
        PolicyChoice choice = policy.choose(new PolicyRequest(resolution.routeId(), viable,
                normalise(request.stickyKey()), resolution.parameters(), facts));
        choice.rejected().forEach((modelId, reason) -> {
            ModelInfo model = catalog.model(modelId);
            considered.add(filtered(modelId, model != null ? model.name() : modelId, null, "policy", reason));
            skipped.add((model != null ? model.name() : modelId) + " (" + reason + ")");
        });
        if (choice.ordered().isEmpty()) {
            throw new ConstraintsUnsatisfiedException("Nothing behind " + resolution.subject()
                    + " meets the route's " + policy.type() + " policy: " + String.join(", ", skipped) + ".");
        }
        if (budget != null) {
            choice = stepDown(choice, budget, catalog, resolution.parameters());
        }
        List<DecisionTarget> targets = new ArrayList<>();
        Set<String> expanded = new HashSet<>();
        for (RouteTarget target : choice.ordered()) {
            TargetExpander.Expansion expansion = expansions.get(target.modelId());
            if (expansion != null && expanded.add(target.modelId())) {
                targets.addAll(expansion.targets());
            }
        }

        if (health != null) {
            targets = health.healthyFirst(targets, now);
        }
        DecisionTarget picked = targets.getFirst();
        if (picker != null && picked.endpointId() != null) {
            picker.sent(picked.endpointId(), text.blocks());
        }
        String decisionId = UUID.randomUUID().toString();
        String explanation = explain(catalog, resolution, choice, picked, targets.size() - 1, skipped);
        // One line per decision, with the trace id, on its own logger: operators who do not want it set
        // logging.level.io.signalbox.routing.decisions=WARN (the decision is on the usage event either way).
        if (decisions.isInfoEnabled()) {
            decisions.info("decision={} request={} requested='{}' route={} policy={} picked={} endpoint={} targets={} catalog={}",
                    decisionId, request.requestId(), request.model(), resolution.alias() != null ? resolution.alias() : "-",
                    policy.type(), picked.modelName(), picked.endpointId() != null ? picked.endpointId() : picked.baseUrl(),
                    targets.size(), catalog.version());
        }
        DecisionDetails details = explain ? details(targets, considered, expansions, choice, request, sensitive,
                constraints, priority) : null;
        return new DecisionResponse(decisionId, request.model(), resolution.alias(), policy.type(), targets,
                explanation, catalog.version(), details, shadow(catalog, resolution.parameters(), request, now,
                        constraints, text, priority));
    }

    /**
     * Where to mirror the request, if its route mirrors ({@code parameters.mirror}: {@code modelId} and
     * {@code percent}) and the request falls in the sampled share, picked by a hash of its id so that every
     * replica agrees. The mirror model must pass the request's hard constraints like any target: shadow traffic
     * never sends a prompt where its region or data rules forbid.
     */
    private @Nullable DecisionTarget shadow(Catalog catalog, Map<String, @Nullable Object> parameters,
            DecisionRequest request, Instant now, HardConstraints constraints, PromptText text,
            EndpointPicker.Priority priority) {
        Map<String, @Nullable Object> mirror = RouteParameters.object(parameters, "mirror");
        Double percent = RouteParameters.number(mirror, "percent");
        String modelId = RouteParameters.string(mirror, "modelId");
        if (percent == null || modelId == null || !sampled(request.requestId(), percent)) {
            return null;
        }
        ModelInfo model = catalog.model(modelId);
        if (model == null || constraints.rejectModel(model) != null) {
            return null;
        }
        try {
            List<DecisionTarget> targets = expander.expand(catalog, model, now, constraints, text::blocks, priority,
                    adapterOf(catalog, model), request.tenantId()).targets();
            return targets.isEmpty() ? null : targets.getFirst();
        }
        catch (EndpointPicker.Shed saturated) {
            return null; // a saturated pool gets no shadow traffic
        }
    }

    /** Whether a request falls in a sampled share of {@code percent} (0..100), by a hash of its id. */
    static boolean sampled(String requestId, double percent) {
        long hash = requestId.hashCode() * 0x9E3779B97F4A7C15L;
        double position = ((hash >>> 11) * 0x1.0p-53) * 100;
        return position < percent;
    }

    private static DecisionDetails details(List<DecisionTarget> targets, List<DecisionDetails.Candidate> considered,
            Map<String, TargetExpander.Expansion> expansions, PolicyChoice choice, DecisionRequest request,
            boolean sensitive, HardConstraints constraints, EndpointPicker.Priority priority) {
        List<DecisionDetails.Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            DecisionTarget target = targets.get(i);
            Map<String, Double> scores = new LinkedHashMap<>(choice.scores().getOrDefault(target.modelId(), Map.of()));
            TargetExpander.Expansion expansion = expansions.get(target.modelId());
            if (expansion != null && target.endpointId() != null) {
                scores.putAll(expansion.endpointScores(target.endpointId()));
            }
            candidates.add(new DecisionDetails.Candidate(target.modelId(), target.modelName(), target.endpointId(),
                    i == 0 ? "picked" : "fallback", null, null, scores));
        }
        candidates.addAll(considered);
        Map<String, String> signals = new LinkedHashMap<>();
        signals.put("sensitiveData", String.valueOf(sensitive)); // explain always scans
        signals.put("privateOnly", String.valueOf(constraints.privateOnly()));
        signals.put("priority", priority.name().toLowerCase(java.util.Locale.ROOT));
        if (request.region() != null) {
            signals.put("region", request.region());
        }
        signals.put("estimatedPromptTokens", String.valueOf(request.estimatedPromptTokens()));
        return new DecisionDetails(candidates, choice.classifierScore(), signals, choice.reasoning());
    }

    private static DecisionDetails.Candidate filtered(String modelId, String modelName, @Nullable String endpointId,
            String filter, String reason) {
        return new DecisionDetails.Candidate(modelId, modelName, endpointId, "filtered", filter, reason, Map.of());
    }

    /** The LoRA adapter a model names when a pool of another base model lists it as an adapter; else null. */
    private static @Nullable String adapterOf(Catalog catalog, ModelInfo model) {
        for (PoolInfo pool : catalog.poolsServing(model.id())) {
            if (pool.loraAdapters() != null && pool.loraAdapters().contains(model.upstreamModel())) {
                return model.upstreamModel();
            }
        }
        return null;
    }

    /** A soft budget limit: the nearest cheaper tier leads, the policy's choice stays behind it as a fallback. */
    private static PolicyChoice stepDown(PolicyChoice choice, BudgetStatus budget, Catalog catalog,
            Map<String, @Nullable Object> parameters) {
        Map<String, @Nullable Object> tiers = RouteParameters.object(parameters, "tiers");
        TierStepDown.Result stepped = TierStepDown.apply(choice.ordered(), modelId -> {
            for (int rank = RouteParameters.TIERS.size() - 1; rank >= 0; rank--) {
                if (RouteParameters.strings(tiers.get(RouteParameters.TIERS.get(rank))).contains(modelId)) {
                    return rank;
                }
            }
            ModelInfo model = catalog.model(modelId);
            return model == null ? -1 : RouteParameters.tierRank(model.qualityTier());
        });
        String limit = "the " + budget.scope() + " budget's soft limit is reached (" + budget.spent().toPlainString()
                + " of " + (budget.softLimit() == null ? "?" : budget.softLimit().toPlainString()) + " "
                + budget.currency() + " in " + budget.period() + ")";
        List<String> reasoning = new ArrayList<>(choice.reasoning());
        if (stepped.steppedDown()) {
            reasoning.add(limit + ": stepped down from " + stepped.fromTier() + " to " + stepped.toTier());
            return new PolicyChoice(stepped.ordered(), choice.summary() + "; budget: " + stepped.fromTier() + " -> "
                    + stepped.toTier(), choice.rejected(), choice.scores(), choice.classifierScore(), reasoning);
        }
        reasoning.add(limit + ", but no candidate is in a cheaper tier than "
                + (stepped.fromTier() == null ? "the policy's choice" : stepped.fromTier()));
        return new PolicyChoice(choice.ordered(), choice.summary(), choice.rejected(), choice.scores(),
                choice.classifierScore(), reasoning);
    }

    private static Prompt prompt(DecisionRequest request) {
        if (request.prompt() == null) {
            return new Prompt(List.of());
        }
        return new Prompt(request.prompt().stream()
                .map(message -> new Prompt.Message(message.role(), message.content())).toList());
    }

    /** The prompt as one text, its PII verdict and its prefix block hashes, each computed once and only on demand. */
    private final class PromptText {

        private final Prompt prompt;

        private @Nullable String text;

        private @Nullable Boolean sensitive;

        private long @Nullable [] blocks;

        PromptText(Prompt prompt) {
            this.prompt = prompt;
        }

        String text() {
            if (text == null) {
                StringBuilder joined = new StringBuilder();
                for (Prompt.Message message : prompt.messages()) {
                    joined.append(message.role()).append(": ").append(message.content()).append('\n');
                }
                text = joined.toString();
            }
            return text;
        }

        boolean sensitive() {
            if (sensitive == null) {
                sensitive = !text().isEmpty() && pii.containsSensitiveData(text());
            }
            return sensitive;
        }

        long[] blocks() {
            if (blocks == null) {
                blocks = picker == null ? new long[0] : picker.prefixes().blocks(text());
            }
            return blocks;
        }
    }

    private static Resolution resolve(Catalog catalog, String requested) {
        RouteInfo route = catalog.routeByAlias(requested);
        if (route != null) {
            return new Resolution(route.alias(), route.id(), route.policyType(), route.targets(),
                    route.parameters() == null ? Map.of() : route.parameters(), "route '" + route.alias() + "'");
        }
        ModelInfo model = catalog.modelByNameOrUpstreamId(requested);
        if (model != null) {
            return new Resolution(null, "model:" + model.id(), StaticPolicy.TYPE,
                    List.of(new RouteTarget(model.id(), 1)), Map.of(), "model '" + requested + "'");
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

    /** What policies may look up, answered from this decision's catalog and the live endpoint signals. */
    private final class Facts implements CandidateFacts {

        private final Catalog catalog;

        private final Instant now;

        private final Prompt prompt;

        private final DecisionRequest request;

        Facts(Catalog catalog, Instant now, Prompt prompt, DecisionRequest request) {
            this.catalog = catalog;
            this.now = now;
            this.prompt = prompt;
            this.request = request;
        }

        @Override
        public Optional<ModelInfo> model(String modelId) {
            return Optional.ofNullable(catalog.model(modelId));
        }

        @Override
        public @Nullable PriceSnapshot price(String modelId) {
            ModelInfo model = catalog.model(modelId);
            return model == null ? null : Catalog.priceInEffect(model, now);
        }

        @Override
        public Prompt prompt() {
            return prompt;
        }

        @Override
        public int promptTokens() {
            return request.estimatedPromptTokens();
        }

        @Override
        public int expectedOutputTokens() {
            return request.maxTokens() != null ? request.maxTokens() : CandidateFacts.super.expectedOutputTokens();
        }

        /** Scraped from the model's endpoints where possible; else telemetry's recent median (hosted models). */
        @Override
        public OptionalDouble recentTimeToFirstTokenMillis(String modelId) {
            OptionalDouble scraped = endpointSignals(modelId).stream().map(EndpointSignals::timeToFirstTokenMillis)
                    .filter(java.util.Objects::nonNull).mapToDouble(Double::doubleValue).min();
            if (scraped.isPresent() || health == null) {
                return scraped;
            }
            List<PoolInfo> pools = catalog.poolsServing(modelId);
            if (pools.isEmpty()) {
                return EndpointHealthStore.timeToFirstToken(health.hostedModel(modelId, now));
            }
            double best = Double.POSITIVE_INFINITY;
            for (PoolInfo pool : pools) {
                for (EndpointInfo endpoint : pool.endpoints()) {
                    OptionalDouble reported = endpoint.isActive()
                            ? EndpointHealthStore.timeToFirstToken(health.endpoint(endpoint.id(), now))
                            : OptionalDouble.empty();
                    if (reported.isPresent()) {
                        best = Math.min(best, reported.getAsDouble());
                    }
                }
            }
            return best == Double.POSITIVE_INFINITY ? OptionalDouble.empty() : OptionalDouble.of(best);
        }

        @Override
        public OptionalDouble shortestQueue(String modelId) {
            return endpointSignals(modelId).stream().mapToDouble(EndpointSignals::waiting).min();
        }

        private List<EndpointSignals> endpointSignals(String modelId) {
            if (signals == null) {
                return List.of();
            }
            long nanos = System.nanoTime();
            List<EndpointSignals> found = new ArrayList<>();
            for (PoolInfo pool : catalog.poolsServing(modelId)) {
                for (EndpointInfo endpoint : pool.endpoints()) {
                    if (endpoint.isActive()) {
                        signals.fresh(endpoint.id(), nanos).ifPresent(found::add);
                    }
                }
            }
            return found;
        }
    }

    /**
     * What the requested name resolved to.
     *
     * @param alias the route alias, null for a model named directly
     * @param subject how the explanation names it
     */
    private record Resolution(@Nullable String alias, String routeId, String policyType, List<RouteTarget> targets,
            Map<String, @Nullable Object> parameters, String subject) {
    }
}
