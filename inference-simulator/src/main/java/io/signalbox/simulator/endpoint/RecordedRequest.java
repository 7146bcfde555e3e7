package io.signalbox.simulator.endpoint;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * What an endpoint remembers about one request: enough to prove routing and propagation (which model, which
 * trace context, whether credentials were sent), never a prompt or a credential.
 *
 * @param method HTTP method
 * @param path request path without the query
 * @param model the requested model, or {@code null} when the body had none (or was not JSON)
 * @param stream whether the request asked for a stream
 * @param headers the {@linkplain #RECORDED_HEADERS recorded headers} that were present, by lower-case name;
 *     {@code authorization} is recorded as {@value #PRESENT}, never with its value
 * @param receivedAt when the request arrived
 */
public record RecordedRequest(
        String method,
        String path,
        @Nullable String model,
        boolean stream,
        Map<String, String> headers,
        Instant receivedAt) {

    /** Headers worth seeing upstream: W3C trace context and baggage, request id, and the credential's presence. */
    public static final List<String> RECORDED_HEADERS =
            List.of("traceparent", "tracestate", "baggage", "x-request-id", "authorization");

    /** Stands in for the value of {@code authorization}. */
    public static final String PRESENT = "present";

    public RecordedRequest {
        headers = Collections.unmodifiableMap(new TreeMap<>(headers));
    }

    /**
     * Picks the recorded headers from a request.
     *
     * @param lookup the request's header value by (case-insensitive) name, {@code null} when absent
     */
    public static Map<String, String> selectHeaders(Function<String, @Nullable String> lookup) {
        Map<String, String> selected = new TreeMap<>();
        for (String name : RECORDED_HEADERS) {
            String value = lookup.apply(name);
            if (value != null) {
                selected.put(name.toLowerCase(Locale.ROOT), name.equals("authorization") ? PRESENT : value);
            }
        }
        return selected;
    }
}
