package io.signalbox.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every span a gateway under test ends, as the OpenTelemetry SDK hands it to exporters: what a tracing backend
 * would receive. Register one per test class as a {@link SpanProcessor} bean.
 */
final class CapturedSpans implements SpanProcessor {

    private final List<SpanData> ended = new CopyOnWriteArrayList<>();

    List<SpanData> all() {
        return ended;
    }

    /** The gateway's server span for a request (its {@code x-request-id}), once it has ended. */
    SpanData serverSpanOf(String requestId) {
        await().atMost(Duration.ofSeconds(10)).until(() -> find(requestId).isPresent());
        return find(requestId).orElseThrow();
    }

    private Optional<SpanData> find(String requestId) {
        return ended.stream()
                .filter(span -> requestId.equals(span.getAttributes().get(AttributeKey.stringKey("signalbox.request.id"))))
                .findFirst();
    }

    /** A string attribute the span must have. */
    static String attribute(SpanData span, String key) {
        String value = span.getAttributes().get(AttributeKey.stringKey(key));
        assertThat(value).as("span attribute %s on %s", key, span.getAttributes()).isNotNull();
        return value;
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
    }

    @Override
    public boolean isStartRequired() {
        return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
        ended.add(span.toSpanData());
    }

    @Override
    public boolean isEndRequired() {
        return true;
    }
}
