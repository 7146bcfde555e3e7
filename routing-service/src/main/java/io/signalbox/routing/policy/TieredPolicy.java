package io.signalbox.routing.policy;

import java.util.List;
import java.util.Map;

/**
 * A tier map with a fixed tier: {@code tiers} maps quality tiers to model ids and {@code defaultTier}
 * names the tier that serves. The other tiers are the fallback chain, stronger tiers first. (The
 * {@code complexity} policy picks the tier per request instead.)
 */
public final class TieredPolicy implements Policy {

    public static final String TYPE = "tiered";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public PolicyChoice choose(PolicyRequest request) {
        Map<String, List<String>> tiers = TierChoice.tiers(request.parameters());
        String chosen = RouteParameters.string(request.parameters(), "defaultTier");
        if (chosen == null) {
            chosen = tiers.isEmpty() ? "standard" : tiers.keySet().iterator().next();
        }
        TierChoice.Ordered ordered = TierChoice.order(request.candidates(), tiers, chosen);
        String reason = ordered.leadingTier() == null || ordered.leadingTier().equals(chosen)
                ? "tier " + chosen : "tier " + chosen + " has no model that can serve; " + ordered.leadingTier() + " instead";
        return new PolicyChoice(ordered.targets(), "tiered, " + reason, Map.of(), Map.of(), null, List.of(reason));
    }
}
