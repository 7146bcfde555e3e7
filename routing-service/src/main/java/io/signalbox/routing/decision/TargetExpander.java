package io.signalbox.routing.decision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

import io.signalbox.contracts.catalog.EndpointInfo;
import io.signalbox.contracts.catalog.ModelInfo;
import io.signalbox.contracts.catalog.PoolInfo;
import io.signalbox.contracts.catalog.PriceSnapshot;
import io.signalbox.contracts.catalog.ProviderInfo;
import io.signalbox.contracts.decision.DecisionTarget;
import io.signalbox.routing.catalog.Catalog;
import org.jspecify.annotations.Nullable;

/**
 * Turns a model into the places that can serve it: one target per active endpoint of the pools
 * whose base model it is, or, when no pool serves it, the provider's own API.
 *
 * <p>Endpoints are put in a weighted random order (each endpoint leads with probability weight /
 * sum, equal weights are a uniform shuffle, weight 0 goes last). An endpoint's weight is its share
 * of the traffic, as a route target's weight is; a strict by-weight order would send everything to
 * the heaviest endpoint and leave the rest of the pool idle. This is the seam where the endpoint
 * picker (queue depth, KV cache, prefix affinity scorers) will take over.
 */
final class TargetExpander {

    private final Supplier<? extends RandomGenerator> random;

    TargetExpander(Supplier<? extends RandomGenerator> random) {
        this.random = random;
    }

    Expansion expand(Catalog catalog, ModelInfo model, Instant now) {
        ProviderInfo provider = catalog.provider(model.providerId());
        if (provider == null) {
            return Expansion.unavailable("provider " + model.providerId() + " not in catalog", false);
        }
        PriceSnapshot price = Catalog.priceInEffect(model, now);
        List<PoolInfo> pools = catalog.poolsServing(model.id());
        if (pools.isEmpty()) {
            String baseUrl = provider.baseUrl();
            if (baseUrl == null) {
                return Expansion.unavailable("no pool and no provider URL", false);
            }
            return new Expansion(List.of(new DecisionTarget(model.id(), model.name(), model.upstreamModel(),
                    provider.id(), provider.kind(), null, null, baseUrl, null, price)), null, false);
        }
        List<RankedEndpoint> ranked = new ArrayList<>();
        RandomGenerator generator = random.get();
        for (PoolInfo pool : pools) {
            for (EndpointInfo endpoint : pool.endpoints()) {
                if (endpoint.isActive()) {
                    ranked.add(new RankedEndpoint(pool, endpoint, arrival(generator, endpoint.weight())));
                }
            }
        }
        if (ranked.isEmpty()) {
            return Expansion.unavailable("no active endpoint", true);
        }
        ranked.sort(Comparator.comparingDouble(RankedEndpoint::arrival)
                .thenComparing(rankedEndpoint -> rankedEndpoint.endpoint().id()));
        List<DecisionTarget> targets = new ArrayList<>(ranked.size());
        for (RankedEndpoint entry : ranked) {
            EndpointInfo endpoint = entry.endpoint();
            targets.add(new DecisionTarget(model.id(), model.name(), model.upstreamModel(), provider.id(),
                    provider.kind(), entry.pool().id(), endpoint.id(), endpoint.baseUrl(), endpoint.region(), price));
        }
        return new Expansion(targets, null, false);
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

    private record RankedEndpoint(PoolInfo pool, EndpointInfo endpoint, double arrival) {
    }

    /**
     * The targets of one model, or why there are none.
     *
     * @param unavailableReason a short reason for the explanation, null when there are targets
     * @param temporary the model has no targets only because of endpoint state
     */
    record Expansion(List<DecisionTarget> targets, @Nullable String unavailableReason, boolean temporary) {

        Expansion {
            targets = List.copyOf(targets);
        }

        static Expansion unavailable(String reason, boolean temporary) {
            return new Expansion(List.of(), reason, temporary);
        }
    }
}
