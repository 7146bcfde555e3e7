package io.signalbox.routing.policy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

import io.signalbox.contracts.catalog.RouteTarget;
import org.jspecify.annotations.Nullable;

/**
 * An A/B split: each candidate is picked with probability weight / sum of weights. The other
 * candidates follow by weight, heaviest first, as the fallback chain. A weight of zero (or less)
 * makes a candidate fallback-only.
 *
 * <p>With a sticky key the pick is weighted rendezvous hashing over (route, key, model): every
 * instance picks the same arm for the same caller with no shared state, the split still follows the
 * weights across callers, and when an arm disappears only the callers that were on it move.
 */
public final class WeightedPolicy implements Policy {

    public static final String TYPE = "weighted";

    private static final long FNV_OFFSET_BASIS = 0xcbf29ce484222325L;

    private static final long FNV_PRIME = 0x100000001b3L;

    private static final double TWO_POW_MINUS_53 = 0x1.0p-53;

    private final Supplier<? extends RandomGenerator> random;

    /**
     * @param random the source for non-sticky picks, asked once per pick; thread-confined sources
     *     such as {@code ThreadLocalRandom::current} keep picks contention-free
     */
    public WeightedPolicy(Supplier<? extends RandomGenerator> random) {
        this.random = random;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public PolicyChoice choose(PolicyRequest request) {
        List<RouteTarget> candidates = request.candidates();
        String stickyKey = request.stickyKey();
        int pickIndex = stickyKey != null
                ? rendezvousPick(candidates, request.routeId(), stickyKey)
                : randomPick(candidates);
        List<RouteTarget> ordered = new ArrayList<>(candidates.size());
        ordered.add(candidates.get(pickIndex));
        List<RouteTarget> rest = new ArrayList<>(candidates);
        rest.remove(pickIndex);
        rest.sort(Comparator.comparingInt(RouteTarget::weight).reversed());
        ordered.addAll(rest);
        return new PolicyChoice(ordered, summary(candidates, stickyKey));
    }

    private int randomPick(List<RouteTarget> candidates) {
        long total = 0;
        for (RouteTarget candidate : candidates) {
            total += Math.max(0, candidate.weight());
        }
        if (total == 0) {
            return 0;
        }
        long draw = random.get().nextLong(total);
        for (int i = 0; i < candidates.size(); i++) {
            draw -= Math.max(0, candidates.get(i).weight());
            if (draw < 0) {
                return i;
            }
        }
        throw new IllegalStateException("A draw below the total weight always lands on a candidate");
    }

    /**
     * Each arm draws an exponential "arrival time" with rate = weight from a uniform value hashed
     * from (route, key, model); the earliest arrival wins, which happens with probability
     * weight / total. These are ranking scores, not money, so double is fine here.
     */
    private static int rendezvousPick(List<RouteTarget> candidates, String routeId, String stickyKey) {
        int best = 0;
        double bestArrival = Double.POSITIVE_INFINITY;
        for (int i = 0; i < candidates.size(); i++) {
            RouteTarget candidate = candidates.get(i);
            if (candidate.weight() <= 0) {
                continue;
            }
            double uniform = unitInterval(stableHash(routeId, stickyKey, candidate.modelId()));
            double arrival = -Math.log(uniform) / candidate.weight();
            if (arrival < bestArrival) {
                bestArrival = arrival;
                best = i;
            }
        }
        return best;
    }

    /** Maps a hash to (0, 1), never 0 so the logarithm stays finite. */
    private static double unitInterval(long hash) {
        return ((hash >>> 11) + 0.5) * TWO_POW_MINUS_53;
    }

    /**
     * FNV-1a over the UTF-8 parts (NUL-separated so that ("ab", "c") and ("a", "bc") differ), then
     * MurmurHash3's 64-bit finaliser to spread FNV's weak low bits. Stable across JVMs and versions,
     * unlike {@code hashCode}, so all routing instances agree.
     */
    static long stableHash(String... parts) {
        long hash = FNV_OFFSET_BASIS;
        for (String part : parts) {
            for (byte b : part.getBytes(StandardCharsets.UTF_8)) {
                hash ^= b & 0xff;
                hash *= FNV_PRIME;
            }
            hash *= FNV_PRIME;
        }
        hash ^= hash >>> 33;
        hash *= 0xff51afd7ed558ccdL;
        hash ^= hash >>> 33;
        hash *= 0xc4ceb9fe1a85ec53L;
        hash ^= hash >>> 33;
        return hash;
    }

    private static String summary(List<RouteTarget> candidates, @Nullable String stickyKey) {
        String split = candidates.stream()
                .map(candidate -> Integer.toString(candidate.weight()))
                .collect(Collectors.joining("/"));
        return TYPE + " " + split + (stickyKey != null ? ", sticky" : ", random");
    }
}
