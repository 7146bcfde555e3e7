package io.signalbox.routing.policy;

import java.util.List;

import io.signalbox.contracts.catalog.RouteTarget;

/**
 * A fallback chain: the route's targets in the order the route lists them, the first as the pick. With
 * {@code maxAttempts} the chain is cut after that many models, so a request never costs more than that
 * many tries. Models the hard constraints removed are already gone, so the chain starts at the first
 * model that can serve this request.
 */
public final class FallbackPolicy implements Policy {

    public static final String TYPE = "fallback";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public PolicyChoice choose(PolicyRequest request) {
        List<RouteTarget> chain = request.candidates();
        Integer maxAttempts = RouteParameters.integer(request.parameters(), "maxAttempts");
        if (maxAttempts != null && maxAttempts >= 1 && maxAttempts < chain.size()) {
            chain = chain.subList(0, maxAttempts);
        }
        return new PolicyChoice(chain, "fallback chain of " + chain.size(), java.util.Map.of(), java.util.Map.of(),
                null, List.of("tries the route's models in order" + (chain.size() < request.candidates().size()
                        ? ", at most " + chain.size() : "")));
    }
}
