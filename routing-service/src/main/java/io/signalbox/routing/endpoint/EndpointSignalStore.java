package io.signalbox.routing.endpoint;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * The latest signals of every scraped endpoint, plus what this router has sent each endpoint since its
 * last scrape. Metrics older than {@code staleAfter} are treated as unknown, never as current: an endpoint
 * whose metrics stopped arriving may be overloaded or gone, and its last good numbers would draw traffic.
 */
public final class EndpointSignalStore {

    /** Smoothing of the per-scrape mean time to first token (weight of the newest interval). */
    private static final double TTFT_SMOOTHING = 0.3;

    private final Map<String, State> states = new ConcurrentHashMap<>();

    private final long staleAfterNanos;

    public EndpointSignalStore(Duration staleAfter) {
        this.staleAfterNanos = staleAfter.toNanos();
    }

    /**
     * The endpoint's signals if they are fresh at {@code nowNanos}, with the requests this router sent it
     * since that scrape added to its queue (the scrape cannot have seen them yet).
     */
    public Optional<EndpointSignals> fresh(String endpointId, long nowNanos) {
        State state = states.get(endpointId);
        if (state == null || state.signals == null || nowNanos - state.signals.scrapedAtNanos() > staleAfterNanos) {
            return Optional.empty();
        }
        EndpointSignals signals = state.signals;
        int sent = state.sentSinceScrape.get();
        return Optional.of(sent == 0 ? signals : new EndpointSignals(signals.running(), signals.waiting() + sent,
                signals.kvCacheUsage(), signals.loadedAdapters(), signals.maxLoras(), signals.timeToFirstTokenMillis(),
                signals.scrapedAtNanos()));
    }

    /** Counts a request routed to the endpoint, until the next scrape shows it. */
    public void sent(String endpointId) {
        states.computeIfAbsent(endpointId, id -> new State()).sentSinceScrape.incrementAndGet();
    }

    /** Takes one scrape's metrics. */
    public void record(String endpointId, String metricsText, long scrapedAtNanos) {
        PrometheusText metrics = PrometheusText.parse(metricsText);
        State state = states.computeIfAbsent(endpointId, id -> new State());
        synchronized (state) {
            double ttftSum = metrics.value("vllm:time_to_first_token_seconds_sum");
            double ttftCount = metrics.value("vllm:time_to_first_token_seconds_count");
            Double ttft = state.signals == null ? null : state.signals.timeToFirstTokenMillis();
            if (!Double.isNaN(ttftSum) && !Double.isNaN(ttftCount) && !Double.isNaN(state.ttftCount)
                    && ttftCount > state.ttftCount && ttftSum >= state.ttftSum) {
                double interval = (ttftSum - state.ttftSum) / (ttftCount - state.ttftCount) * 1000;
                ttft = ttft == null ? interval : ttft + TTFT_SMOOTHING * (interval - ttft);
            }
            state.ttftSum = ttftSum;
            state.ttftCount = ttftCount;
            Set<String> adapters = new HashSet<>();
            int maxLoras = 0;
            for (PrometheusText.Sample sample : metrics.samples("vllm:lora_requests_info")) {
                adapters.addAll(split(sample.labels().get("running_lora_adapters")));
                adapters.addAll(split(sample.labels().get("waiting_lora_adapters")));
                maxLoras = Math.max(maxLoras, parseInt(sample.labels().get("max_lora")));
            }
            state.signals = new EndpointSignals(orZero(metrics.value("vllm:num_requests_running")),
                    orZero(metrics.value("vllm:num_requests_waiting")),
                    orZero(metrics.value("vllm:kv_cache_usage_perc", "vllm:gpu_cache_usage_perc")), adapters, maxLoras,
                    ttft, scrapedAtNanos);
            state.sentSinceScrape.set(0);
        }
    }

    /** Forgets endpoints that are no longer in the catalog. */
    public void retainOnly(Set<String> endpointIds) {
        states.keySet().retainAll(endpointIds);
    }

    private static double orZero(double value) {
        return Double.isNaN(value) ? 0 : value;
    }

    private static Set<String> split(@Nullable String list) {
        Set<String> names = new HashSet<>();
        if (list != null) {
            for (String name : list.split(",")) {
                if (!name.isBlank()) {
                    names.add(name.strip());
                }
            }
        }
        return names;
    }

    private static int parseInt(@Nullable String text) {
        try {
            return text == null ? 0 : Integer.parseInt(text.strip());
        }
        catch (NumberFormatException notANumber) {
            return 0;
        }
    }

    private static final class State {

        volatile @Nullable EndpointSignals signals;

        final AtomicInteger sentSinceScrape = new AtomicInteger();

        double ttftSum = Double.NaN;

        double ttftCount = Double.NaN;
    }
}
