package io.signalbox.telemetry.quality;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.signalbox.contracts.usage.UsageRecorded;
import io.signalbox.telemetry.catalog.ModelDirectory;
import io.signalbox.telemetry.ingest.UsageSink;
import org.jspecify.annotations.Nullable;

/**
 * The routed requests feedback can refer to, and the sampled share of them kept for offline evaluation. Fed every
 * usage event; keeps only successful client requests that reached a model (a mirrored call, a refused request and
 * a failed one have no answer worth scoring). Each request's tier comes from the registry catalog: the route's tier
 * map, else the model's quality tier; when neither is known the request is grouped by its model.
 *
 * <p>Sampling: a request is sampled when a hash of its id falls in its tier's share, so the choice is stable (a
 * redelivered event is sampled the same way) and needs no coordination. Samples are kept newest first, up to
 * {@code keep-per-tier} per tier, in memory: an evaluator polls {@code GET /api/v1/feedback/samples}.
 */
public class RoutedRequests implements UsageSink {

    private final Cache<String, RoutedRequest> recent;

    private final Map<String, Deque<RoutedRequest>> samples = new ConcurrentHashMap<>();

    private final ModelDirectory directory;

    private final QualityProperties.Sampling sampling;

    private final MeterRegistry registry;

    private final Map<String, Counter> sampledCounters = new ConcurrentHashMap<>();

    /** Tenants, teams, routes, policies, models, providers and tiers, shared by the requests that repeat them. */
    private final SharedStrings shared = new SharedStrings(SHARED_VALUES);

    private static final int SHARED_VALUES = 20_000;

    public RoutedRequests(QualityProperties properties, ModelDirectory directory, MeterRegistry registry) {
        this.recent = Caffeine.newBuilder().maximumSize(properties.requestMemory()).build();
        this.directory = directory;
        this.sampling = properties.sampling();
        this.registry = registry;
        for (String tier : List.of("economy", "standard", "premium")) {
            sampledCounter(tier);
        }
    }

    @Override
    public void record(UsageRecorded event) {
        String modelId = event.modelId();
        if (event.mirrorOf() != null || modelId == null || !event.succeeded()) {
            return;
        }
        String tier = shared.of(directory.tierOf(event.routeAlias(), modelId));
        String group = Objects.requireNonNull(shared.of(RoutedRequest.groupOf(tier, modelId, event.modelName())));
        boolean sampled = sampled(event.requestId(), sampling.shareOf(group));
        RoutedRequest request = new RoutedRequest(event.requestId(), event.decisionId(), event.traceId(),
                Objects.requireNonNull(shared.of(event.tenantId())), shared.of(event.teamId()),
                shared.of(event.routeAlias()), shared.of(event.policy()), Objects.requireNonNull(shared.of(modelId)),
                shared.of(event.modelName()), shared.of(event.providerId()), tier, group, sampled, event.startedAt());
        recent.put(request.requestId(), request);
        if (sampled) {
            Deque<RoutedRequest> kept = samples.computeIfAbsent(group, key -> new ArrayDeque<>());
            synchronized (kept) {
                kept.addFirst(request);
                while (kept.size() > sampling.keepPerTier()) {
                    kept.removeLast();
                }
            }
            sampledCounter(group).increment();
        }
    }

    /** The counter of a tier's samples; the three quality tiers' exist from the start, at zero, for dashboards. */
    private Counter sampledCounter(String group) {
        return sampledCounters.computeIfAbsent(group, key -> Counter.builder("signalbox.quality.sampled.requests")
                .description("Routed requests sampled for offline quality evaluation").tag("tier", key)
                .register(registry));
    }

    /** The request, if it is still remembered or among the samples. */
    public Optional<RoutedRequest> find(String requestId) {
        RoutedRequest found = recent.getIfPresent(requestId);
        if (found != null) {
            return Optional.of(found);
        }
        for (Deque<RoutedRequest> kept : samples.values()) {
            synchronized (kept) {
                for (RoutedRequest sample : kept) {
                    if (sample.requestId().equals(requestId)) {
                        return Optional.of(sample);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Samples newest first, of one tier (or group) or of all, started at or after {@code since}.
     */
    public List<RoutedRequest> samples(@Nullable String group, @Nullable Instant since, int limit) {
        List<RoutedRequest> found = new ArrayList<>();
        for (Map.Entry<String, Deque<RoutedRequest>> entry : samples.entrySet()) {
            if (group == null || group.equals(entry.getKey())) {
                synchronized (entry.getValue()) {
                    for (RoutedRequest sample : entry.getValue()) {
                        if (since == null || !sample.startedAt().isBefore(since)) {
                            found.add(sample);
                        }
                    }
                }
            }
        }
        found.sort((a, b) -> b.startedAt().compareTo(a.startedAt()));
        return found.subList(0, Math.min(limit, found.size()));
    }

    /** Whether a request falls in a sampled share (0..1), by a hash of its id: stable across replicas and replays. */
    static boolean sampled(String requestId, double share) {
        if (share <= 0) {
            return false;
        }
        long hash = requestId.hashCode() * 0x9E3779B97F4A7C15L;
        double position = (hash >>> 11) * 0x1.0p-53;
        return position < share;
    }
}
