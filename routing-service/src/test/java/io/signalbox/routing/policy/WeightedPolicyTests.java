package io.signalbox.routing.policy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.signalbox.contracts.catalog.RouteTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class WeightedPolicyTests {

    private static final int DRAWS = 10_000;

    private static final RouteTarget LLAMA = new RouteTarget("mod-llama", 80);

    private static final RouteTarget GPT = new RouteTarget("mod-gpt", 20);

    private final RandomGenerator seeded = new SplittableRandom(20250601L);

    private final WeightedPolicy policy = new WeightedPolicy(() -> seeded);

    @ParameterizedTest(name = "weights {0}")
    @CsvSource({"80/20", "50/50", "70/20/10", "1/1/2", "99/1"})
    void splitsRandomTrafficByWeight(String weights) {
        List<RouteTarget> arms = arms(weights);
        int total = arms.stream().mapToInt(RouteTarget::weight).sum();

        Map<String, Integer> picks = count(i -> policy.choose(new PolicyRequest("route-a", arms, null)));

        for (RouteTarget arm : arms) {
            double share = picks.getOrDefault(arm.modelId(), 0) / (double) DRAWS;
            assertThat(share).as(arm.modelId()).isCloseTo(arm.weight() / (double) total, within(0.02));
        }
    }

    @Test
    void givesTheSameCallerTheSameArmEveryTime() {
        List<RouteTarget> arms = List.of(LLAMA, GPT);

        Map<String, Integer> picks = count(i -> policy.choose(new PolicyRequest("route-a", arms, "user-42")));

        assertThat(picks).hasSize(1);
    }

    @Test
    void spreadsStickyCallersByWeight() {
        List<RouteTarget> arms = List.of(LLAMA, GPT);

        Map<String, Integer> picks = count(i -> policy.choose(new PolicyRequest("route-a", arms, "user-" + i)));

        assertThat(picks.get(LLAMA.modelId()) / (double) DRAWS).isCloseTo(0.8, within(0.02));
    }

    @Test
    void movesOnlyTheCallersOfAnArmThatGoesAway() {
        RouteTarget mistral = new RouteTarget("mod-mistral", 30);
        List<RouteTarget> before = List.of(LLAMA, GPT, mistral);
        List<RouteTarget> after = List.of(LLAMA, mistral);

        int moved = 0;
        int onSurvivingArms = 0;
        for (int i = 0; i < DRAWS; i++) {
            String caller = "user-" + i;
            RouteTarget was = policy.choose(new PolicyRequest("route-a", before, caller)).pick();
            if (!was.equals(GPT)) {
                onSurvivingArms++;
                if (!policy.choose(new PolicyRequest("route-a", after, caller)).pick().equals(was)) {
                    moved++;
                }
            }
        }

        assertThat(onSurvivingArms).isGreaterThan(DRAWS / 2);
        assertThat(moved).isZero();
    }

    @Test
    void splitsTheSameCallerIndependentlyOnDifferentRoutes() {
        List<RouteTarget> arms = List.of(new RouteTarget("mod-a", 50), new RouteTarget("mod-b", 50));

        long same = IntStream.range(0, DRAWS)
                .filter(i -> policy.choose(new PolicyRequest("route-a", arms, "user-" + i)).pick()
                        .equals(policy.choose(new PolicyRequest("route-b", arms, "user-" + i)).pick()))
                .count();

        assertThat(same / (double) DRAWS).isCloseTo(0.5, within(0.03));
    }

    @Test
    void keepsStickyAssignmentsStableAcrossReleases() {
        // Every routing instance, before and after an upgrade, must send a caller to the same arm; a
        // change to the hash would silently move sticky users. These assignments are pinned.
        List<RouteTarget> arms = List.of(new RouteTarget("a", 50), new RouteTarget("b", 50));

        String picks = IntStream.range(0, 24)
                .mapToObj(i -> policy.choose(new PolicyRequest("route-auto", arms, "user-" + i)).pick().modelId())
                .collect(Collectors.joining());

        assertThat(picks).isEqualTo("abbaaabaaaaabbabbbbabaaa");
        assertThat(WeightedPolicy.stableHash("route-auto", "user-0", "mod-llama")).isEqualTo(-2866411952337338041L);
    }

    @Test
    void ordersTheOtherArmsByWeightAsFallbacks() {
        List<RouteTarget> arms = List.of(new RouteTarget("mod-a", 10), new RouteTarget("mod-b", 50),
                new RouteTarget("mod-c", 40));

        for (int i = 0; i < 100; i++) {
            PolicyChoice choice = policy.choose(new PolicyRequest("route-a", arms, null));

            assertThat(choice.ordered()).hasSize(3);
            assertThat(choice.ordered().subList(1, 3)).isSortedAccordingTo(
                    (left, right) -> Integer.compare(right.weight(), left.weight()));
        }
    }

    @Test
    void neverPicksAZeroWeightArmButKeepsItAsTheLastFallback() {
        RouteTarget standby = new RouteTarget("mod-standby", 0);
        List<RouteTarget> arms = List.of(standby, LLAMA, GPT);

        Map<String, Integer> random = count(i -> policy.choose(new PolicyRequest("route-a", arms, null)));
        Map<String, Integer> sticky = count(i -> policy.choose(new PolicyRequest("route-a", arms, "user-" + i)));

        assertThat(random).doesNotContainKey(standby.modelId());
        assertThat(sticky).doesNotContainKey(standby.modelId());
        assertThat(policy.choose(new PolicyRequest("route-a", arms, null)).ordered()).last().isEqualTo(standby);
    }

    @Test
    void summarisesTheSplitAndWhetherItWasSticky() {
        List<RouteTarget> arms = List.of(LLAMA, GPT);

        assertThat(policy.choose(new PolicyRequest("route-a", arms, "user-1")).summary())
                .isEqualTo("weighted 80/20, sticky");
        assertThat(policy.choose(new PolicyRequest("route-a", arms, null)).summary())
                .isEqualTo("weighted 80/20, random");
    }

    private static Map<String, Integer> count(IntFunction<PolicyChoice> draw) {
        Map<String, Integer> picks = new HashMap<>();
        for (int i = 0; i < DRAWS; i++) {
            picks.merge(draw.apply(i).pick().modelId(), 1, Integer::sum);
        }
        return picks;
    }

    private static List<RouteTarget> arms(String weights) {
        String[] parts = weights.split("/");
        return IntStream.range(0, parts.length)
                .mapToObj(i -> new RouteTarget("mod-" + i, Integer.parseInt(parts[i])))
                .toList();
    }
}
