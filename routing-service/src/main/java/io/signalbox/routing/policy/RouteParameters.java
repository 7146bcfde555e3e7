package io.signalbox.routing.policy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Reads a route's policy parameters. The registry validated them against the policy's schema, so a
 * value of the wrong shape here means a newer registry or a hand-made catalog: it is treated as absent
 * rather than failing the request.
 */
public final class RouteParameters {

    /** Quality tiers, weakest first. */
    public static final List<String> TIERS = List.of("economy", "standard", "premium");

    private RouteParameters() {
    }

    public static @Nullable String string(Map<String, @Nullable Object> parameters, String key) {
        return parameters.get(key) instanceof String value && !value.isBlank() ? value : null;
    }

    public static @Nullable Integer integer(Map<String, @Nullable Object> parameters, String key) {
        return parameters.get(key) instanceof Number value ? value.intValue() : null;
    }

    public static @Nullable BigDecimal decimal(Map<String, @Nullable Object> parameters, String key) {
        return parameters.get(key) instanceof Number value ? new BigDecimal(value.toString()) : null;
    }

    public static @Nullable Double number(Map<String, @Nullable Object> parameters, String key) {
        return parameters.get(key) instanceof Number value ? value.doubleValue() : null;
    }

    public static List<String> strings(Map<String, @Nullable Object> parameters, String key) {
        return strings(parameters.get(key));
    }

    public static List<String> strings(@Nullable Object value) {
        List<String> result = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof String text) {
                    result.add(text);
                }
            }
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, @Nullable Object> object(Map<String, @Nullable Object> parameters, String key) {
        return parameters.get(key) instanceof Map<?, ?> map ? (Map<String, @Nullable Object>) map : Map.of();
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, @Nullable Object>> objects(Map<String, @Nullable Object> parameters, String key) {
        List<Map<String, @Nullable Object>> result = new ArrayList<>();
        if (parameters.get(key) instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> map) {
                    result.add((Map<String, @Nullable Object>) map);
                }
            }
        }
        return result;
    }

    /** The rank of a quality tier (economy 0, standard 1, premium 2), or -1 for none or an unknown one. */
    public static int tierRank(@Nullable String tier) {
        return tier == null ? -1 : TIERS.indexOf(tier);
    }

    /** Keeps insertion order, for scores shown in explanations. */
    static Map<String, Double> scores(Object... nameValuePairs) {
        Map<String, Double> scores = new LinkedHashMap<>();
        for (int i = 0; i + 1 < nameValuePairs.length; i += 2) {
            if (nameValuePairs[i + 1] instanceof Number value) {
                scores.put((String) nameValuePairs[i], value.doubleValue());
            }
        }
        return scores;
    }
}
