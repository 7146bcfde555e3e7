package io.signalbox.routing.endpoint;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.random.RandomGenerator;

import io.signalbox.contracts.catalog.EndpointInfo;
import io.signalbox.contracts.catalog.PickerSettings;
import org.jspecify.annotations.Nullable;

/**
 * Orders a model's endpoints for one request: filter, weighted scorers, pick, in the manner of the
 * Kubernetes Gateway API Inference Extension's endpoint picker.
 *
 * <ul>
 * <li>Scorers (each 0..1, combined by configured weights): {@code prefix} (share of the prompt's leading
 * blocks this router last sent to the endpoint), {@code queue} (shortest queue 1, longest 0, over the
 * endpoints with fresh metrics), {@code kv} (free KV cache), {@code lora} (the adapter the request needs is
 * loaded 1, a free slot 0.5, else 0; only when the request names an adapter).</li>
 * <li>Stale or missing metrics score 0 on {@code queue} and {@code kv}: an endpoint that stopped reporting
 * is used last, not trusted on old numbers.</li>
 * <li>An endpoint is saturated when its fresh queue exceeds {@code queueThreshold} or its KV use exceeds
 * {@code kvThreshold}. Saturated endpoints go after the others. When every endpoint is saturated, a
 * {@code sheddable} request is refused ({@link Shed}); {@code standard} and {@code critical} requests
 * still get the least loaded endpoint.</li>
 * <li>Ties (equal total score) are broken at random weighted by the endpoint's configured weight; weight 0
 * goes last.</li>
 * </ul>
 */
public final class EndpointPicker {

    private final EndpointSignalStore signals;

    private final PrefixIndex prefixes;

    private final Settings settings;

    public EndpointPicker(EndpointSignalStore signals, PrefixIndex prefixes, Settings settings) {
        this.signals = signals;
        this.prefixes = prefixes;
        this.settings = settings;
    }

    public PrefixIndex prefixes() {
        return prefixes;
    }

    /** This router's settings with a pool's own values where it sets them. */
    public Settings settingsFor(@Nullable PickerSettings pool) {
        return settings.with(pool);
    }

    /**
     * @param endpoints the active endpoints of the model's pools, never empty
     * @param blocks the prompt's block hashes ({@link PrefixIndex#blocks})
     * @param adapter the LoRA adapter the request needs, or null
     * @throws Shed when the request is sheddable and every endpoint is saturated
     */
    public List<Scored> order(List<EndpointInfo> endpoints, long[] blocks, Priority priority, @Nullable String adapter,
            RandomGenerator random) {
        return order(endpoints, blocks, priority, adapter, random, endpoint -> settings);
    }

    /**
     * As {@link #order(List, long[], Priority, String, RandomGenerator)}, with each endpoint scored and judged
     * saturated by its own pool's settings ({@link #settingsFor}).
     */
    public List<Scored> order(List<EndpointInfo> endpoints, long[] blocks, Priority priority, @Nullable String adapter,
            RandomGenerator random, Function<EndpointInfo, Settings> settingsOf) {
        long now = System.nanoTime();
        List<Optional<EndpointSignals>> fresh = new ArrayList<>(endpoints.size());
        double minQueue = Double.POSITIVE_INFINITY;
        double maxQueue = Double.NEGATIVE_INFINITY;
        for (EndpointInfo endpoint : endpoints) {
            Optional<EndpointSignals> current = signals.fresh(endpoint.id(), now);
            fresh.add(current);
            if (current.isPresent()) {
                minQueue = Math.min(minQueue, current.get().waiting());
                maxQueue = Math.max(maxQueue, current.get().waiting());
            }
        }
        List<Scored> scored = new ArrayList<>(endpoints.size());
        boolean anyUnsaturated = false;
        for (int i = 0; i < endpoints.size(); i++) {
            EndpointInfo endpoint = endpoints.get(i);
            Settings own = settingsOf.apply(endpoint);
            Optional<EndpointSignals> current = fresh.get(i);
            double prefix = blocks.length == 0 ? 0 : (double) prefixes.matchedBlocks(endpoint.id(), blocks) / blocks.length;
            double queue = 0;
            double kv = 0;
            double lora = Double.NaN;
            boolean saturated = false;
            if (current.isPresent()) {
                EndpointSignals s = current.get();
                queue = maxQueue > minQueue ? (maxQueue - s.waiting()) / (maxQueue - minQueue) : 1.0;
                kv = Math.max(0, 1 - s.kvCacheUsage());
                saturated = s.waiting() > own.queueThreshold() || s.kvCacheUsage() > own.kvThreshold();
                if (adapter != null) {
                    lora = s.loadedAdapters().contains(adapter) ? 1.0
                            : s.maxLoras() == 0 || s.loadedAdapters().size() < s.maxLoras() ? 0.5 : 0.0;
                }
            }
            anyUnsaturated |= !saturated && current.isPresent();
            double total = own.prefixWeight() * prefix + own.queueWeight() * queue + own.kvWeight() * kv
                    + (Double.isNaN(lora) ? 0 : own.loraWeight() * lora);
            double tieBreak = endpoint.weight() <= 0 ? Double.POSITIVE_INFINITY
                    : -Math.log(1.0 - random.nextDouble()) / endpoint.weight();
            scored.add(new Scored(endpoint, total, saturated, current.isEmpty(), prefix, queue, kv, lora, tieBreak));
        }
        boolean allSaturated = !anyUnsaturated && scored.stream().noneMatch(Scored::stale);
        if (allSaturated && priority == Priority.SHEDDABLE) {
            throw new Shed(endpoints.size());
        }
        scored.sort(Comparator.comparing(Scored::saturated)
                .thenComparing(Comparator.comparingDouble(Scored::total).reversed())
                .thenComparingDouble(Scored::tieBreak));
        return scored;
    }

    /** Notes that the request went to the endpoint: its queue grows until the next scrape, its prefix is cached. */
    public void sent(String endpointId, long[] blocks) {
        signals.sent(endpointId);
        prefixes.record(endpointId, blocks);
    }

    /**
     * One endpoint's verdict. Scores are kept as numbers (no map per endpoint: a decision may score hundreds);
     * {@link #scores()} names them for explanations.
     *
     * @param total the weighted score
     * @param stale no fresh metrics
     * @param lora the adapter score, NaN when the request names no adapter or the endpoint has no metrics
     */
    public record Scored(EndpointInfo endpoint, double total, boolean saturated, boolean stale, double prefix,
            double queue, double kv, double lora, double tieBreak) {

        /** Each scorer's score by name, in a stable order. */
        public Map<String, Double> scores() {
            Map<String, Double> scores = new LinkedHashMap<>();
            scores.put("prefix", prefix);
            scores.put("queue", queue);
            scores.put("kv", kv);
            if (!Double.isNaN(lora)) {
                scores.put("lora", lora);
            }
            return scores;
        }
    }

    /** Scorer weights and saturation thresholds. */
    public record Settings(double prefixWeight, double queueWeight, double kvWeight, double loraWeight,
            double queueThreshold, double kvThreshold) {

        public static Settings defaults() {
            return new Settings(3, 2, 1, 1, 5, 0.9);
        }

        /** These settings, with each value the pool sets taking precedence. */
        public Settings with(@Nullable PickerSettings pool) {
            if (pool == null || pool.isEmpty()) {
                return this;
            }
            return new Settings(or(pool.prefixWeight(), prefixWeight), or(pool.queueWeight(), queueWeight),
                    or(pool.kvWeight(), kvWeight), or(pool.loraWeight(), loraWeight),
                    or(pool.queueThreshold(), queueThreshold), or(pool.kvThreshold(), kvThreshold));
        }

        private static double or(@Nullable Double value, double fallback) {
            return value != null ? value : fallback;
        }
    }

    /** How much a request may be delayed or dropped under load. */
    public enum Priority {
        CRITICAL, STANDARD, SHEDDABLE;

        public static Priority of(@Nullable String name) {
            if (name == null) {
                return STANDARD;
            }
            return switch (name) {
                case "critical" -> CRITICAL;
                case "sheddable" -> SHEDDABLE;
                default -> STANDARD;
            };
        }
    }

    /** A sheddable request met a pool where every endpoint is saturated. */
    public static final class Shed extends RuntimeException {

        public Shed(int endpoints) {
            super("Every one of the " + endpoints + " endpoints is saturated; sheddable requests are refused until "
                    + "load drops.");
        }
    }
}
