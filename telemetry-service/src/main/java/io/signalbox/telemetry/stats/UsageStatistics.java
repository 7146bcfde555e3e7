package io.signalbox.telemetry.stats;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BiFunction;
import java.util.function.Function;

import io.signalbox.contracts.usage.UsageRecorded;
import io.signalbox.telemetry.ingest.UsageSink;
import org.springframework.stereotype.Component;

/**
 * Per-model and per-endpoint statistics since this instance started. Requests without an endpoint (a
 * provider's hosted API rather than a self-hosted pool) count for their model only.
 */
@Component
public class UsageStatistics implements UsageSink {

    /** The model id under which requests that were never routed to a model are counted. */
    public static final String NO_MODEL = "(none)";

    private final ConcurrentMap<String, RequestStats> byModel = new ConcurrentHashMap<>();

    private final ConcurrentMap<String, RequestStats> byEndpoint = new ConcurrentHashMap<>();

    @Override
    public void record(UsageRecorded event) {
        String modelId = event.modelId() == null ? NO_MODEL : event.modelId();
        byModel.computeIfAbsent(modelId, id -> new RequestStats()).record(event);
        String endpointId = event.endpointId();
        if (endpointId != null) {
            byEndpoint.computeIfAbsent(endpointId, id -> new RequestStats()).record(event);
        }
    }

    /** Busiest first. */
    public List<ModelStatistics> models() {
        return sorted(byModel, (id, stats) -> new ModelStatistics(id, stats.modelName(), stats.providerId(),
                stats.summary()), ModelStatistics::modelId, ModelStatistics::summary);
    }

    /** Busiest first. */
    public List<EndpointStatistics> endpoints() {
        return sorted(byEndpoint, (id, stats) -> new EndpointStatistics(id, stats.poolId(), stats.providerId(),
                stats.modelId(), stats.modelName(), stats.summary()), EndpointStatistics::endpointId,
                EndpointStatistics::summary);
    }

    private static <T> List<T> sorted(ConcurrentMap<String, RequestStats> stats,
            BiFunction<String, RequestStats.Snapshot, T> view, Function<T, String> id,
            Function<T, RequestSummary> summary) {
        return stats.entrySet().stream()
                .map(entry -> view.apply(entry.getKey(), entry.getValue().snapshot()))
                .sorted(Comparator.comparing((T item) -> summary.apply(item).requests()).reversed().thenComparing(id))
                .toList();
    }
}
