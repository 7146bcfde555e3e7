package io.signalbox.routing.policy;

/**
 * Always the route's first target; any further targets follow in the route's order as fallbacks.
 * Also the implicit policy of a model named directly.
 */
public final class StaticPolicy implements Policy {

    public static final String TYPE = "static";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public PolicyChoice choose(PolicyRequest request) {
        return new PolicyChoice(request.candidates(), TYPE);
    }
}
