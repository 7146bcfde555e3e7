package io.signalbox.registry.pool;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.signalbox.contracts.catalog.PickerSettings;
import org.jspecify.annotations.Nullable;

/** The words the pool API accepts. */
public final class PoolVocabulary {

    /** Region names as cloud providers write them: {@code eu-west}, {@code us-east-1}, {@code local}. */
    public static final String REGION_PATTERN = "[a-z0-9][a-z0-9-]*";

    public static final String REGION_MESSAGE = "must be lower-case letters, digits and -, such as eu-west";

    public static final String STATE_PATTERN = "active|draining|disabled";

    public static final String STATE_MESSAGE = "must be one of active, draining, disabled";

    /** The highest endpoint-picker scorer weight. */
    public static final double MAX_PICKER_WEIGHT = 100;

    /** The highest waiting-queue saturation threshold. */
    public static final double MAX_QUEUE_THRESHOLD = 100_000;

    /** The picker settings' names, in the order they are written. */
    private static final List<String> PICKER_KEYS = List.of("prefixWeight", "queueWeight", "kvWeight", "loraWeight",
            "queueThreshold", "kvThreshold");

    private PoolVocabulary() {
    }

    /** The values the settings set, by name, for the pool's stored column and for configuration files. */
    public static Map<String, Object> pickerToMap(PickerSettings picker) {
        Double[] values = {picker.prefixWeight(), picker.queueWeight(), picker.kvWeight(), picker.loraWeight(),
            picker.queueThreshold(), picker.kvThreshold()};
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                map.put(PICKER_KEYS.get(i), values[i]);
            }
        }
        return map;
    }

    /**
     * Settings from a map as {@link #pickerToMap} writes it; absent names stay unset.
     *
     * @throws IllegalArgumentException when a value is not a number
     */
    public static PickerSettings pickerFromMap(Map<?, ?> map) {
        Double[] values = new Double[PICKER_KEYS.size()];
        for (int i = 0; i < values.length; i++) {
            Object value = map.get(PICKER_KEYS.get(i));
            if (value != null && !(value instanceof Number)) {
                throw new IllegalArgumentException(PICKER_KEYS.get(i) + " must be a number, was '" + value + "'");
            }
            values[i] = value == null ? null : ((Number) value).doubleValue();
        }
        return new PickerSettings(values[0], values[1], values[2], values[3], values[4], values[5]);
    }

    /**
     * What is wrong with picker settings that did not come through the API's own validation (a configuration
     * file), or null when nothing is: weights 0..100, queue threshold 0..100000, KV threshold above 0 up to 1.
     */
    public static @Nullable String pickerProblem(PickerSettings picker) {
        for (Double weight : new Double[] {picker.prefixWeight(), picker.queueWeight(), picker.kvWeight(),
            picker.loraWeight()}) {
            if (weight != null && (weight < 0 || weight > MAX_PICKER_WEIGHT)) {
                return "weights must be between 0 and 100, was " + weight;
            }
        }
        if (picker.queueThreshold() != null
                && (picker.queueThreshold() < 0 || picker.queueThreshold() > MAX_QUEUE_THRESHOLD)) {
            return "queueThreshold must be between 0 and 100000, was " + picker.queueThreshold();
        }
        if (picker.kvThreshold() != null && (picker.kvThreshold() <= 0 || picker.kvThreshold() > 1)) {
            return "kvThreshold must be above 0 and at most 1, was " + picker.kvThreshold();
        }
        return null;
    }
}
