package io.signalbox.gateway.calls;

import java.util.HashMap;
import java.util.Map;

import io.micrometer.observation.Observation;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.handler.TracingObservationHandler;
import io.micrometer.tracing.propagation.Propagator;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * A request's W3C trace context ({@code traceparent}, and baggage when there is any) as headers for the work done
 * for it elsewhere: its calls and its usage event. Read from the request's observation without opening a scope on
 * the current thread, which would also rewrite the logging MDC.
 */
@Component
public class TraceHeaders {

    /** Passes no trace context on; for tests and tools that run without tracing. */
    public static final TraceHeaders NONE = new TraceHeaders(Propagator.NOOP);

    private final Propagator propagator;

    public TraceHeaders(Propagator propagator) {
        this.propagator = propagator;
    }

    /** The headers that carry the request's trace context; empty when the request has no span. */
    public Map<String, String> of(@Nullable Observation request) {
        Span span = spanOf(request);
        if (span == null) {
            return Map.of();
        }
        Map<String, String> headers = new HashMap<>(4);
        propagator.inject(span.context(), headers, Map::put);
        return headers;
    }

    void inject(TraceContext context, HttpHeaders headers) {
        propagator.inject(context, headers, HttpHeaders::set);
    }

    /** The span of a request's observation, or null when it has none (no tracing, or no request). */
    static @Nullable Span spanOf(@Nullable Observation request) {
        if (request == null) {
            return null;
        }
        TracingObservationHandler.TracingContext tracing =
                request.getContextView().get(TracingObservationHandler.TracingContext.class);
        return tracing == null ? null : tracing.getSpan();
    }
}
