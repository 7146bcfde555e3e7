package io.signalbox.routing.policy;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A model-selection policy, named by the {@code policyType} of the routes that use it. Implementations
 * must be thread-safe and keep no state about requests: everything a choice depends on arrives in
 * the {@link PolicyRequest}.
 */
public interface Policy {

    /** The type name routes refer to, e.g. {@code static} or {@code weighted}. */
    String type();

    /**
     * Orders the candidates: the first is the pick, the rest are the fallback chain.
     *
     * @param request the route's candidates, never empty
     */
    PolicyChoice choose(PolicyRequest request);

    /**
     * Whether choosing for a route with these parameters runs a model (sentence embeddings take milliseconds,
     * and the first use loads the model), so that the server runs the choice on a worker thread instead of the
     * event loop that serves every other decision. Most policies only compare numbers.
     *
     * @param parameters the route's policy parameters
     */
    default boolean runsModel(Map<String, @Nullable Object> parameters) {
        return false;
    }
}
