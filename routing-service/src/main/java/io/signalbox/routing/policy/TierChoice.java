package io.signalbox.routing.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.signalbox.contracts.catalog.RouteTarget;
import org.jspecify.annotations.Nullable;

/**
 * Orders a route's candidates for a chosen quality tier, as {@code tiered} and {@code complexity} routes
 * do: the chosen tier's models first (in route order), then the stronger tiers (a stronger model is a safe
 * fallback), nearest first, then the weaker tiers, nearest first, then any
 * candidate no tier lists. A tier whose models the hard constraints removed is skipped.
 */
final class TierChoice {

    private TierChoice() {
    }

    /** The route's tier map: tier to the model ids listed for it, weakest tier first. */
    static Map<String, List<String>> tiers(Map<String, @Nullable Object> parameters) {
        Map<String, @Nullable Object> raw = RouteParameters.object(parameters, "tiers");
        Map<String, List<String>> tiers = new LinkedHashMap<>();
        for (String tier : RouteParameters.TIERS) {
            List<String> models = RouteParameters.strings(raw.get(tier));
            if (!models.isEmpty()) {
                tiers.put(tier, models);
            }
        }
        return tiers;
    }

    /**
     * The candidates in fallback order for {@code chosen}.
     *
     * @return the ordered candidates, and the tier that actually leads (the chosen one, or the nearest
     *     tier with a candidate left)
     */
    static Ordered order(List<RouteTarget> candidates, Map<String, List<String>> tiers, String chosen) {
        List<String> names = new ArrayList<>(tiers.keySet());
        int at = Math.max(0, names.indexOf(chosen));
        List<String> sequence = new ArrayList<>();
        sequence.add(names.isEmpty() ? chosen : names.get(at));
        for (int i = at + 1; i < names.size(); i++) {
            sequence.add(names.get(i));
        }
        for (int i = at - 1; i >= 0; i--) {
            sequence.add(names.get(i));
        }
        Set<RouteTarget> ordered = new LinkedHashSet<>();
        String leading = null;
        for (String tier : sequence) {
            List<String> ids = tiers.getOrDefault(tier, List.of());
            for (RouteTarget candidate : candidates) {
                if (ids.contains(candidate.modelId()) && ordered.add(candidate) && leading == null) {
                    leading = tier;
                }
            }
        }
        ordered.addAll(candidates);
        return new Ordered(List.copyOf(ordered), leading);
    }

    record Ordered(List<RouteTarget> targets, @Nullable String leadingTier) {
    }
}
