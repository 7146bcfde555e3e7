package io.signalbox.telemetry.catalog;

import org.jspecify.annotations.Nullable;

/**
 * What telemetry needs to know about models beyond what a usage event says: the provider of a model that was
 * tried before the one that answered (attempts name only the model), and the quality tier a request was served
 * in, for the routing-quality loop. Answers null when it does not know.
 */
public interface ModelDirectory {

    /** Knows nothing: every answer is null. */
    ModelDirectory EMPTY = new ModelDirectory() {
    };

    default @Nullable String providerOf(String modelId) {
        return null;
    }

    default @Nullable String nameOf(String modelId) {
        return null;
    }

    /**
     * The quality tier ({@code economy}, {@code standard}, {@code premium}) of a request served by
     * {@code modelId} through the route {@code routeAlias}: the tier the route's tier map lists the model under,
     * else the model's own quality tier; null when neither says.
     */
    default @Nullable String tierOf(@Nullable String routeAlias, String modelId) {
        return null;
    }
}
