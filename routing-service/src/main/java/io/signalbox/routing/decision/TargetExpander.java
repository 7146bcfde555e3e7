package io.signalbox.routing.decision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

import io.signalbox.contracts.catalog.EndpointInfo;
import io.signalbox.contracts.catalog.ModelInfo;
import io.signalbox.contracts.catalog.PoolInfo;
import io.signalbox.contracts.catalog.PriceSnapshot;
import io.signalbox.contracts.catalog.ProviderInfo;
import io.signalbox.contracts.decision.DecisionDetails;
import io.signalbox.contracts.decision.DecisionTarget;
import io.signalbox.contracts.decision.TargetResilience;
import io.signalbox.routing.catalog.Catalog;
import io.signalbox.routing.endpoint.EndpointPicker;
import org.jspecify.annotations.Nullable;

/**
 * Turns a model into the places that can serve this request: its pools' active endpoints that pass the
 * request's region and privacy constraints, ordered by the endpoint picker, or, when no pool serves the
 * model, the provider's own API. Each target carries the price the request's tenant pays for the model
 * ({@link Catalog#priceFor}): the list price, with the tenant's adjustment if one applies.
 *
 * <p>Without a picker (or for a request it has no signals for) endpoints are put in a weighted random order
 * (each endpoint leads with probability weight / sum; weight 0 goes last).
 */
final class TargetExpander {

    private final Supplier<? extends RandomGenerator> random;

    private final @Nullable EndpointPicker picker;

    TargetExpander(Supplier<? extends RandomGenerator> random, @Nullable EndpointPicker picker) {
        this.random = random;
        this.picker = picker;
    }

    Expansion expand(Catalog catalog, ModelInfo model, Instant now) {
        return expand(catalog, model, now, null, () -> new long[0], EndpointPicker.Priority.STANDARD, null, null);
    }

    /**
     * @param blocks the prompt's prefix block hashes, asked for only when the picker orders endpoints
     * @param tenantId the request's tenant, whose price adjustments apply; null: list prices
     */
    Expansion expand(Catalog catalog, ModelInfo model, Instant now, @Nullable HardConstraints constraints,
            Supplier<long[]> blocks, EndpointPicker.Priority priority, @Nullable String adapter,
            @Nullable String tenantId) {
        ProviderInfo provider = catalog.provider(model.providerId());
        if (provider == null) {
            return Expansion.unavailable("provider " + model.providerId() + " not in catalog", false);
        }
        PriceSnapshot price = catalog.priceFor(model, tenantId, now);
        List<PoolInfo> pools = catalog.poolsServing(model.id());
        List<DecisionDetails.Candidate> rejected = new ArrayList<>();
        if (pools.isEmpty()) {
            String baseUrl = provider.baseUrl();
            if (baseUrl == null) {
                return Expansion.unavailable("no pool and no provider URL", false);
            }
            HardConstraints.Rejection rejection = constraints == null ? null
                    : constraints.rejectPlace(model.regions() == null ? List.of() : model.regions(), false);
            if (rejection != null) {
                return new Expansion(List.of(), rejection.filter() + ": " + rejection.reason(), false,
                        List.of(new DecisionDetails.Candidate(model.id(), model.name(), null, "filtered",
                                rejection.filter(), rejection.reason(), Map.of())), List.of(), true);
            }
            return new Expansion(List.of(new DecisionTarget(model.id(), model.name(), model.upstreamModel(),
                    provider.id(), provider.kind(), null, null, baseUrl, null, price, TargetResilience.of(provider))), null,
                    false, List.of(),
                    List.of(), false);
        }
        List<EndpointInfo> usable = new ArrayList<>();
        Map<String, PoolInfo> poolOf = new LinkedHashMap<>();
        boolean anyActive = false;
        for (PoolInfo pool : pools) {
            for (EndpointInfo endpoint : pool.endpoints()) {
                if (!endpoint.isActive()) {
                    rejected.add(new DecisionDetails.Candidate(model.id(), model.name(), endpoint.id(), "filtered",
                            "endpoint-state", "the endpoint is " + endpoint.state(), Map.of()));
                    continue;
                }
                anyActive = true;
                HardConstraints.Rejection rejection = constraints == null ? null
                        : constraints.rejectPlace(HardConstraints.regionsOf(endpoint.region()),
                                Boolean.TRUE.equals(pool.privatePool()));
                if (rejection != null) {
                    rejected.add(new DecisionDetails.Candidate(model.id(), model.name(), endpoint.id(), "filtered",
                            rejection.filter(), rejection.reason(), Map.of()));
                    continue;
                }
                usable.add(endpoint);
                poolOf.put(endpoint.id(), pool);
            }
        }
        if (usable.isEmpty()) {
            DecisionDetails.Candidate constraint = rejected.stream()
                    .filter(candidate -> !"endpoint-state".equals(candidate.filter())).reduce((a, b) -> b).orElse(null);
            String reason = !anyActive || constraint == null ? "no active endpoint"
                    : constraint.filter() + ": " + constraint.reason();
            return new Expansion(List.of(), reason, !anyActive, rejected, List.of(), anyActive);
        }
        RandomGenerator generator = random.get();
        List<EndpointInfo> ordered;
        List<EndpointPicker.Scored> scored = List.of();
        if (picker != null) {
            Map<String, EndpointPicker.Settings> settingsByPool = new HashMap<>();
            scored = picker.order(usable, blocks.get(), priority, adapter, generator,
                    endpoint -> settingsByPool.computeIfAbsent(poolOf.get(endpoint.id()).id(),
                            pool -> picker.settingsFor(poolOf.get(endpoint.id()).picker())));
            ordered = new ArrayList<>(scored.size());
            for (EndpointPicker.Scored endpoint : scored) {
                ordered.add(endpoint.endpoint());
            }
        }
        else {
            List<Map.Entry<EndpointInfo, Double>> arrivals = new ArrayList<>();
            for (EndpointInfo endpoint : usable) {
                arrivals.add(Map.entry(endpoint, arrival(generator, endpoint.weight())));
            }
            arrivals.sort(Map.Entry.<EndpointInfo, Double>comparingByValue()
                    .thenComparing(entry -> entry.getKey().id(), Comparator.naturalOrder()));
            ordered = arrivals.stream().map(Map.Entry::getKey).toList();
        }
        List<DecisionTarget> targets = new ArrayList<>(ordered.size());
        TargetResilience resilience = TargetResilience.of(provider);
        for (EndpointInfo endpoint : ordered) {
            targets.add(new DecisionTarget(model.id(), model.name(), model.upstreamModel(), provider.id(),
                    provider.kind(), poolOf.get(endpoint.id()).id(), endpoint.id(), endpoint.baseUrl(),
                    endpoint.region(), price, resilience));
        }
        return new Expansion(targets, null, false, rejected, scored, false);
    }

    /**
     * An exponential arrival time with rate = weight; sorting by it gives a weighted random order
     * (Efraimidis and Spirakis). {@code 1 - nextDouble()} is in (0, 1], so the logarithm is finite.
     */
    private static double arrival(RandomGenerator generator, int weight) {
        if (weight <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        return -Math.log(1.0 - generator.nextDouble()) / weight;
    }

    /**
     * The targets of one model, or why there are none.
     *
     * @param unavailableReason a short reason for the explanation, null when there are targets
     * @param temporary the model has no targets only because of endpoint state
     * @param rejected endpoints (or the provider) a filter removed, for explanations
     * @param scored the picker's verdict on each endpoint, best first (empty without a picker)
     * @param constrained the model has no targets because of this request's constraints
     */
    record Expansion(List<DecisionTarget> targets, @Nullable String unavailableReason, boolean temporary,
            List<DecisionDetails.Candidate> rejected, List<EndpointPicker.Scored> scored, boolean constrained) {

        Expansion {
            targets = List.copyOf(targets);
            rejected = List.copyOf(rejected);
            scored = List.copyOf(scored);
        }

        static Expansion unavailable(String reason, boolean temporary) {
            return new Expansion(List.of(), reason, temporary, List.of(), List.of(), false);
        }

        /** One endpoint's scores for an explanation; built only when a decision is explained. */
        Map<String, Double> endpointScores(@Nullable String endpointId) {
            for (EndpointPicker.Scored endpoint : scored) {
                if (endpoint.endpoint().id().equals(endpointId)) {
                    Map<String, Double> values = new LinkedHashMap<>(endpoint.scores());
                    values.put("total", endpoint.total());
                    values.put("saturated", endpoint.saturated() ? 1.0 : 0.0);
                    values.put("stale", endpoint.stale() ? 1.0 : 0.0);
                    return values;
                }
            }
            return Map.of();
        }
    }
}
