package io.signalbox.routing.health;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;

import io.signalbox.contracts.health.EndpointHealth;
import org.jspecify.annotations.Nullable;

/**
 * The latest health of each endpoint and provider-hosted model. A report older than {@code staleAfter} (by the end
 * of its window) is ignored: a target that stopped receiving traffic has no current latency.
 */
public final class EndpointHealthStore {

    private final Map<String, EndpointHealth> byKey = new ConcurrentHashMap<>();

    private final Duration staleAfter;

    public EndpointHealthStore(Duration staleAfter) {
        this.staleAfter = staleAfter;
    }

    /** Takes a report; an older one for the same key (by {@code observedAt}) never replaces a newer one. */
    public void apply(EndpointHealth health) {
        byKey.merge(health.key(), health,
                (known, incoming) -> incoming.observedAt().isBefore(known.observedAt()) ? known : incoming);
    }

    public void remove(String key) {
        byKey.remove(key);
    }

    /** The endpoint's current report, or null when there is none or it is stale. */
    public @Nullable EndpointHealth endpoint(String endpointId, Instant now) {
        return fresh(byKey.get("endpoint:" + endpointId), now);
    }

    /** The provider-hosted model's current report, or null when there is none or it is stale. */
    public @Nullable EndpointHealth hostedModel(String modelId, Instant now) {
        return fresh(byKey.get("model:" + modelId), now);
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
