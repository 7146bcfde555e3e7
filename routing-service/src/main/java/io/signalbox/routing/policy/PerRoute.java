package io.signalbox.routing.policy;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * What a policy builds from a route's parameters (a scorer, embedded examples), built once per route
 * version rather than per request. A catalog reload gives a changed route a new parameters object, so
 * identity tells a stale build from a current one without comparing contents.
 */
final class PerRoute<T> {

    private final Map<String, Built<T>> built = new ConcurrentHashMap<>();

    private final Function<Map<String, @Nullable Object>, T> build;

    PerRoute(Function<Map<String, @Nullable Object>, T> build) {
        this.build = build;
    }

    T get(String routeId, Map<String, @Nullable Object> parameters) {
        Built<T> known = built.get(routeId);
        if (known != null && known.parameters() == parameters) {
            return known.value();
        }
        T value = build.apply(parameters);
        built.put(routeId, new Built<>(parameters, value));
        return value;
    }

    private record Built<T>(Map<String, @Nullable Object> parameters, T value) {
    }
}
