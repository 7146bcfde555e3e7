package io.signalbox.registry.provider;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.signalbox.contracts.catalog.BreakerSettings;
import io.signalbox.contracts.catalog.ProviderResilience;
import org.jspecify.annotations.Nullable;

/**
 * The names and bounds of a provider's resilience settings, shared by the REST API's validation, the stored
 * column and configuration files. Names end in {@code Ms} like the provider's other timeouts.
 */
public final class ProviderVocabulary {

    /** The longest timeout that can be set: one hour. */
    public static final int MAX_TIMEOUT_MS = 3_600_000;

    /** The most calls one target may get before the next is tried. */
    public static final int MAX_ATTEMPTS_PER_TARGET = 10;

    /** The longest a circuit may stay open before it is probed: one day. */
    public static final int MAX_OPEN_FOR_MS = 86_400_000;

    /** The largest breaker window, and the most calls it may need before judging. */
    public static final int MAX_BREAKER_WINDOW = 1_000;

    /** The most probe calls a half-open circuit may let through. */
    public static final int MAX_HALF_OPEN_CALLS = 100;

    private static final List<String> BREAKER_KEYS = List.of("failureRatePercent", "slidingWindowSize",
            "minimumCalls", "openForMs", "halfOpenCalls");

    private ProviderVocabulary() {
    }

    /** The values the settings set, by name, for the stored column and for configuration files. */
    public static Map<String, Object> resilienceToMap(ProviderResilience resilience) {
        Map<String, Object> map = new LinkedHashMap<>();
        putIfSet(map, "firstByteTimeoutMs", resilience.firstByteTimeoutMillis());
        putIfSet(map, "streamIdleTimeoutMs", resilience.streamIdleTimeoutMillis());
        putIfSet(map, "attemptsPerTarget", resilience.attemptsPerTarget());
        BreakerSettings breaker = resilience.circuitBreaker();
        if (breaker != null) {
            Integer[] values = breakerValues(breaker);
            Map<String, Object> nested = new LinkedHashMap<>();
            for (int i = 0; i < values.length; i++) {
                putIfSet(nested, BREAKER_KEYS.get(i), values[i]);
            }
            map.put("circuitBreaker", nested);
        }
        return map;
    }

    /**
     * Settings from a map as {@link #resilienceToMap} writes it; absent names stay unset.
     *
     * @throws IllegalArgumentException when a value is not a whole number, or the breaker not an object
     */
    public static ProviderResilience resilienceFromMap(Map<?, ?> map) {
        BreakerSettings breaker = null;
        Object nested = map.get("circuitBreaker");
        if (nested != null) {
            if (!(nested instanceof Map<?, ?> values)) {
                throw new IllegalArgumentException("circuitBreaker must be an object, was '" + nested + "'");
            }
            breaker = new BreakerSettings(whole(values, BREAKER_KEYS.get(0)), whole(values, BREAKER_KEYS.get(1)),
                    whole(values, BREAKER_KEYS.get(2)), whole(values, BREAKER_KEYS.get(3)),
                    whole(values, BREAKER_KEYS.get(4)));
        }
        return new ProviderResilience(whole(map, "firstByteTimeoutMs"), whole(map, "streamIdleTimeoutMs"),
                whole(map, "attemptsPerTarget"), breaker);
    }

    /**
     * What is wrong with settings that did not come through the API's own validation (a configuration file),
     * or null when nothing is.
     */
    public static @Nullable String resilienceProblem(ProviderResilience resilience) {
        String problem = outside("firstByteTimeoutMs", resilience.firstByteTimeoutMillis(), MAX_TIMEOUT_MS);
        if (problem == null) {
            problem = outside("streamIdleTimeoutMs", resilience.streamIdleTimeoutMillis(), MAX_TIMEOUT_MS);
        }
        if (problem == null) {
            problem = outside("attemptsPerTarget", resilience.attemptsPerTarget(), MAX_ATTEMPTS_PER_TARGET);
        }
        BreakerSettings breaker = resilience.circuitBreaker();
        if (breaker != null) {
            int[] bounds = {100, MAX_BREAKER_WINDOW, MAX_BREAKER_WINDOW, MAX_OPEN_FOR_MS, MAX_HALF_OPEN_CALLS};
            Integer[] values = breakerValues(breaker);
            for (int i = 0; i < values.length && problem == null; i++) {
                problem = outside("circuitBreaker." + BREAKER_KEYS.get(i), values[i], bounds[i]);
            }
        }
        return problem;
    }

    private static Integer[] breakerValues(BreakerSettings breaker) {
        return new Integer[] {breaker.failureRatePercent(), breaker.slidingWindowSize(), breaker.minimumCalls(),
            breaker.openForMillis(), breaker.halfOpenCalls()};
    }

    private static @Nullable String outside(String name, @Nullable Integer value, int max) {
        return value != null && (value < 1 || value > max)
                ? name + " must be between 1 and " + max + ", was " + value : null;
    }

    private static @Nullable Integer whole(Map<?, ?> map, String name) {
        Object value = map.get(name);
        if (value == null) {
            return null;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            long number = ((Number) value).longValue();
            if (number >= Integer.MIN_VALUE && number <= Integer.MAX_VALUE) {
                return (int) number;
            }
        }
        throw new IllegalArgumentException(name + " must be a whole number, was '" + value + "'");
    }

    private static void putIfSet(Map<String, Object> map, String name, @Nullable Integer value) {
        if (value != null) {
            map.put(name, value);
        }
    }
}
