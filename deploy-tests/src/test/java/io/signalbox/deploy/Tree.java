package io.signalbox.deploy;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/** Navigation in parsed YAML (maps, lists, scalars), where a missing step yields an empty map, list or null. */
final class Tree {

    private Tree() {
    }

    static @Nullable Object get(@Nullable Object node, String... path) {
        Object current = node;
        for (String step : path) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(step);
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(@Nullable Object node, String... path) {
        return get(node, path) instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(@Nullable Object node, String... path) {
        return get(node, path) instanceof List<?> list ? (List<Object>) list : List.of();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> maps(@Nullable Object node, String... path) {
        return list(node, path).stream().filter(Map.class::isInstance).map(item -> (Map<String, Object>) item).toList();
    }

    static @Nullable String string(@Nullable Object node, String... path) {
        Object value = get(node, path);
        return value == null ? null : value.toString();
    }
}
