package io.signalbox.routing.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import io.signalbox.contracts.catalog.RouteTarget;

/**
 * The candidate with the lowest recent time to first token. Candidates within a tolerance band of the
 * fastest count as equally fast and keep the route's order among themselves, so traffic does not flap
 * between two models whose latencies differ by noise. A candidate nothing measured recently counts as
 * fast as the fastest: otherwise a model that gets no traffic would never be measured again.
 *
 * <p>Parameters: {@code maxTimeToFirstTokenMs} and {@code maxQueueDepth} remove candidates over those
 * bounds, unless every candidate is over them (then all are kept, fastest first: a slow answer beats none);
 * {@code toleranceMs} (default 25) and {@code tolerancePercent} (default 10) set the band, the larger wins.
 */
public final class LatencyAwarePolicy implements Policy {

    public static final String TYPE = "latency-aware";

    private static final double DEFAULT_TOLERANCE_MS = 25;

    private static final double DEFAULT_TOLERANCE_PERCENT = 10;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public PolicyChoice choose(PolicyRequest request) {
        CandidateFacts facts = request.facts();
        Integer maxTtft = RouteParameters.integer(request.parameters(), "maxTimeToFirstTokenMs");
        Integer maxQueue = RouteParameters.integer(request.parameters(), "maxQueueDepth");
        Double toleranceMs = RouteParameters.number(request.parameters(), "toleranceMs");
        Double tolerancePercent = RouteParameters.number(request.parameters(), "tolerancePercent");

        List<Measured> all = new ArrayList<>();
        double fastest = Double.POSITIVE_INFINITY;
        for (int i = 0; i < request.candidates().size(); i++) {
            RouteTarget candidate = request.candidates().get(i);
            OptionalDouble ttft = facts.recentTimeToFirstTokenMillis(candidate.modelId());
            OptionalDouble queue = facts.shortestQueue(candidate.modelId());
            all.add(new Measured(candidate, ttft, queue, i));
            if (ttft.isPresent()) {
                fastest = Math.min(fastest, ttft.getAsDouble());
            }
        }
        Map<String, String> rejected = new LinkedHashMap<>();
        List<Measured> within = new ArrayList<>();
        for (Measured measured : all) {
            String over = null;
            if (maxTtft != null && measured.ttft().isPresent() && measured.ttft().getAsDouble() > maxTtft) {
                over = "time to first token " + Math.round(measured.ttft().getAsDouble()) + " ms is above " + maxTtft;
            }
            else if (maxQueue != null && measured.queue().isPresent() && measured.queue().getAsDouble() > maxQueue) {
                over = "queue of " + Math.round(measured.queue().getAsDouble()) + " is above " + maxQueue;
            }
            if (over == null) {
                within.add(measured);
            }
            else {
                rejected.put(measured.target().modelId(), over);
            }
        }
        List<String> reasoning = new ArrayList<>();
        if (within.isEmpty()) {
            within = all;
            rejected.clear();
            reasoning.add("every candidate is over the route's latency bounds; keeping all, fastest first");
        }
        double best = fastest;
        double band = Math.max(toleranceMs != null ? toleranceMs : DEFAULT_TOLERANCE_MS,
                Double.isInfinite(best) ? 0 : best * (tolerancePercent != null ? tolerancePercent
                        : DEFAULT_TOLERANCE_PERCENT) / 100);
        within.sort(Comparator.comparingInt((Measured m) -> m.bucket(best, band)).thenComparingInt(Measured::routeIndex));
        Map<String, Map<String, Double>> scores = new HashMap<>();
        for (Measured measured : all) {
            Map<String, Double> values = new LinkedHashMap<>();
            measured.ttft().ifPresent(value -> values.put("timeToFirstTokenMs", value));
            measured.queue().ifPresent(value -> values.put("queue", value));
            scores.put(measured.target().modelId(), values);
        }
        reasoning.add(Double.isInfinite(best) ? "no recent latency measurements; route order"
                : "fastest recent time to first token " + Math.round(best) + " ms; candidates within "
                        + Math.round(band) + " ms of it count as equal and keep route order");
        return new PolicyChoice(within.stream().map(Measured::target).toList(),
                Double.isInfinite(best) ? "latency-aware, unmeasured" : "latency-aware, best " + Math.round(best) + " ms",
                rejected, scores, null, reasoning);
    }

    private record Measured(RouteTarget target, OptionalDouble ttft, OptionalDouble queue, int routeIndex) {

        /** 0 for the fastest band (and unmeasured candidates), then one bucket per band width. */
        int bucket(double best, double band) {
            if (ttft.isEmpty() || Double.isInfinite(best) || band <= 0) {
                return 0;
            }
            return (int) Math.min(Integer.MAX_VALUE, Math.floor((ttft.getAsDouble() - best) / band));
        }
    }
}
