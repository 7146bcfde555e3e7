package io.signalbox.simulator.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON form of {@link FaultSpec} used by {@code /sim/faults}: snake_case, durations in milliseconds
 * ({@code retry_after_seconds} in seconds, as the header carries it); absent fields mean no such fault.
 *
 * <pre>{@code
 * {"error_rate":0.2,"error_status":503,"rate_limit_rate":0.1,"retry_after_seconds":2,"added_latency_ms":50,
 *  "outages":[{"start_ms":0,"duration_ms":5000}],"stream_cut_after_chunks":3,"slow_first_token_ms":800,"seed":7}
 * }</pre>
 */
public final class FaultJson {

    private FaultJson() {
    }

    /**
     * Reads faults.
     *
     * @throws IllegalArgumentException with a message naming the bad field
     */
    public static FaultSpec read(JsonNode body) {
        if (!body.isObject()) {
            throw new IllegalArgumentException("the faults must be a JSON object");
        }
        FaultSpec none = FaultSpec.none();
        List<FaultSpec.Window> outages = new ArrayList<>();
        JsonNode windows = body.get("outages");
        if (windows != null && !windows.isNull()) {
            if (!windows.isArray()) {
                throw new IllegalArgumentException("'outages' must be an array");
            }
            for (JsonNode window : windows) {
                outages.add(new FaultSpec.Window(millis(window, "start_ms", Duration.ZERO),
                        millis(window, "duration_ms", Duration.ZERO)));
            }
        }
        return new FaultSpec(
                number(body, "error_rate", 0),
                (int) integer(body, "error_status", none.errorStatus()),
                number(body, "rate_limit_rate", 0),
                Duration.ofSeconds(integer(body, "retry_after_seconds", none.retryAfter().toSeconds())),
                millis(body, "added_latency_ms", Duration.ZERO),
                outages,
                (int) integer(body, "stream_cut_after_chunks", 0),
                millis(body, "slow_first_token_ms", Duration.ZERO),
                integer(body, "seed", 0));
    }

    public static String write(JsonMapper json, FaultSpec faults) {
        ObjectNode root = json.createObjectNode();
        root.put("error_rate", faults.errorRate());
        root.put("error_status", faults.errorStatus());
        root.put("rate_limit_rate", faults.rateLimitRate());
        root.put("retry_after_seconds", faults.retryAfter().toSeconds());
        root.put("added_latency_ms", faults.addedLatency().toMillis());
        ArrayNode outages = root.putArray("outages");
        for (FaultSpec.Window window : faults.outages()) {
            outages.addObject().put("start_ms", window.start().toMillis())
                    .put("duration_ms", window.duration().toMillis());
        }
        root.put("stream_cut_after_chunks", faults.streamCutAfterChunks());
        root.put("slow_first_token_ms", faults.slowFirstToken().toMillis());
        root.put("seed", faults.seed());
        return json.writeValueAsString(root);
    }

    private static double number(JsonNode node, String field, double absent) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return absent;
        }
        if (!value.isNumber()) {
            throw new IllegalArgumentException("'" + field + "' must be a number");
        }
        return value.doubleValue();
    }

    private static long integer(JsonNode node, String field, long absent) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return absent;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new IllegalArgumentException("'" + field + "' must be an integer");
        }
        return value.longValue();
    }

    private static Duration millis(JsonNode node, String field, Duration absent) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? absent : Duration.ofMillis(integer(node, field, 0));
    }
}
