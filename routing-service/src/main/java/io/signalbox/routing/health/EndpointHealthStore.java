package io.signalbox.routing.health;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.signalbox.contracts.decision.DecisionTarget;
import io.signalbox.contracts.health.EndpointHealth;
import org.jspecify.annotations.Nullable;

/**
 * The latest health of each endpoint and provider-hosted model. A report older than {@code staleAfter} (by the end
 * of its window) is ignored: a target that stopped receiving traffic has no current latency, and an unhealthy
 * hint that telemetry stopped repeating no longer holds.
 */
public final class EndpointHealthStore {

    private final Map<String, EndpointHealth> byKey = new ConcurrentHashMap<>();

    /** Keys whose latest report is unhealthy, so that a decision with none to avoid costs one check. */
    private final Set<String> unhealthy = ConcurrentHashMap.newKeySet();

    private final Duration staleAfter;

    public EndpointHealthStore(Duration staleAfter) {
        this.staleAfter = staleAfter;
    }

    /** Takes a report; an older one for the same key (by {@code observedAt}) never replaces a newer one. */
    public void apply(EndpointHealth health) {
        EndpointHealth kept = byKey.merge(health.key(), health,
                (known, incoming) -> incoming.observedAt().isBefore(known.observedAt()) ? known : incoming);
        if (kept.isUnhealthy()) {
            unhealthy.add(kept.key());
        }
        else {
            unhealthy.remove(kept.key());
        }
    }

    public void remove(String key) {
        byKey.remove(key);
        unhealthy.remove(key);
    }

    /** The endpoint's current report, or null when there is none or it is stale. */
    public @Nullable EndpointHealth endpoint(String endpointId, Instant now) {
        return fresh(byKey.get(EndpointHealth.endpointKey(endpointId)), now);
    }

    /** The provider-hosted model's current report, or null when there is none or it is stale. */
    public @Nullable EndpointHealth hostedModel(String modelId, Instant now) {
        return fresh(byKey.get(EndpointHealth.hostedModelKey(modelId)), now);
    }

    /**
     * The decision's targets with those whose current report says unhealthy moved behind the others, the order
     * otherwise kept. They stay in the list: when every target is unhealthy the first is still tried, and an
     * unhealthy target remains a fallback.
     */
    public List<DecisionTarget> healthyFirst(List<DecisionTarget> targets, Instant now) {
        if (unhealthy.isEmpty() || targets.isEmpty()) {
            return targets;
        }
        List<DecisionTarget> ordered = new ArrayList<>(targets.size());
        List<DecisionTarget> avoided = new ArrayList<>(2);
        for (DecisionTarget target : targets) {
            EndpointHealth health = target.endpointId() != null ? endpoint(target.endpointId(), now)
                    : hostedModel(target.modelId(), now);
            (health != null && health.isUnhealthy() ? avoided : ordered).add(target);
        }
        if (avoided.isEmpty()) {
            return targets;
        }
        ordered.addAll(avoided);
        return ordered;
    }

    /** The median time to first token in the report, when it has one. */
    public static OptionalDouble timeToFirstToken(@Nullable EndpointHealth health) {
        return health == null || health.ttftP50Millis() == null ? OptionalDouble.empty()
                : OptionalDouble.of(health.ttftP50Millis());
    }

    private @Nullable EndpointHealth fresh(@Nullable EndpointHealth health, Instant now) {
        return health == null || health.windowEnd().plus(staleAfter).isBefore(now) ? null : health;
    }
}
