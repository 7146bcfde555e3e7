package io.signalbox.telemetry.stats;

import java.util.Map;
import java.util.TreeMap;

import io.signalbox.contracts.usage.UsageRecorded;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * Running statistics of one model or endpoint. HdrHistogram keeps latency percentiles exact to three
 * significant digits in bounded memory however many requests arrive; the histograms auto-resize, so
 * there is no upper latency to configure. Every method holds this object's lock: listener threads write
 * while HTTP threads read, and a snapshot must not see half a request.
 */
final class RequestStats {

    static final int SIGNIFICANT_DIGITS = 3;

    private final Histogram latency = new Histogram(SIGNIFICANT_DIGITS);

    private final Histogram ttft = new Histogram(SIGNIFICANT_DIGITS);

    private final Map<String, Long> errorsByClass = new TreeMap<>();

    private long requests;

    private long errors;

    private long promptTokens;

    private long completionTokens;

    private @Nullable String modelId;

    private @Nullable String modelName;

    private @Nullable String providerId;

    private @Nullable String poolId;

    synchronized void record(UsageRecorded event) {
        requests++;
        if (!event.succeeded()) {
            errors++;
            errorsByClass.merge(Outcomes.errorClass(event), 1L, Long::sum);
        }
        latency.recordValue(event.latencyMillis());
        Long timeToFirstToken = event.ttftMillis();
        if (timeToFirstToken != null) {
            ttft.recordValue(timeToFirstToken);
        }
        promptTokens += event.usage().promptTokensOrZero();
        completionTokens += event.usage().completionTokensOrZero();
        modelId = latest(event.modelId(), modelId);
        modelName = latest(event.modelName(), modelName);
        providerId = latest(event.providerId(), providerId);
        poolId = latest(event.poolId(), poolId);
    }

    /** Everything at once, under one lock, so labels and numbers belong to the same moment. */
    synchronized Snapshot snapshot() {
        RequestSummary summary = new RequestSummary(requests, errors, errorsByClass, Percentiles.of(latency),
                ttft.getTotalCount() == 0 ? null : Percentiles.of(ttft), promptTokens, completionTokens);
        return new Snapshot(modelId, modelName, providerId, poolId, summary);
    }

    private static @Nullable String latest(@Nullable String value, @Nullable String previous) {
        return value != null ? value : previous;
    }

    /** The most recent labels seen, with the numbers. */
    record Snapshot(@Nullable String modelId, @Nullable String modelName, @Nullable String providerId,
            @Nullable String poolId, RequestSummary summary) {
    }
}
