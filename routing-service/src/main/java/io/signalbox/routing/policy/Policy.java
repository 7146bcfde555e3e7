package io.signalbox.routing.policy;

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
}
