package io.signalbox.routing.budget;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

import io.signalbox.contracts.catalog.RouteTarget;
import io.signalbox.routing.policy.RouteParameters;
import org.jspecify.annotations.Nullable;

/**
 * What a soft budget limit does to a decision: the policy's order is kept, except that the candidates of the
 * nearest quality tier below the policy's first choice move to the front. The stronger models stay behind them
 * as fallbacks, so the request is still served when the cheaper tier cannot.
 */
public final class TierStepDown {

    private TierStepDown() {
    }

    /**
     * @param ordered the policy's order, first choice first
     * @param rank a model's tier rank ({@link RouteParameters#tierRank}: economy 0, standard 1, premium 2; -1
     *     unknown)
     */
    public static Result apply(List<RouteTarget> ordered, ToIntFunction<String> rank) {
        if (ordered.isEmpty()) {
            return new Result(ordered, null, null);
        }
        int from = rank.applyAsInt(ordered.getFirst().modelId());
        int to = -1;
        for (RouteTarget candidate : ordered) {
            int r = rank.applyAsInt(candidate.modelId());
            if (r >= 0 && r < from && r > to) {
                to = r;
            }
        }
        String fromTier = from >= 0 ? RouteParameters.TIERS.get(from) : null;
        if (to < 0) {
            return new Result(ordered, fromTier, null);
        }
        List<RouteTarget> stepped = new ArrayList<>(ordered.size());
        for (RouteTarget candidate : ordered) {
            if (rank.applyAsInt(candidate.modelId()) == to) {
                stepped.add(candidate);
            }
        }
        for (RouteTarget candidate : ordered) {
            if (rank.applyAsInt(candidate.modelId()) != to) {
                stepped.add(candidate);
            }
        }
        return new Result(List.copyOf(stepped), fromTier, RouteParameters.TIERS.get(to));
    }

    /**
     * @param fromTier the tier of the policy's first choice, null when unknown
     * @param toTier the tier now leading, null when there was nothing cheaper to step down to
     */
    public record Result(List<RouteTarget> ordered, @Nullable String fromTier, @Nullable String toTier) {

        public boolean steppedDown() {
            return toTier != null;
        }
    }
}
