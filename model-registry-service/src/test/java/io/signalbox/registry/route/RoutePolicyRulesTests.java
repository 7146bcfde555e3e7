package io.signalbox.registry.route;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import io.signalbox.kit.problem.FieldViolation;
import io.signalbox.registry.common.ValidationFailedException;
import io.signalbox.registry.route.RoutePolicyRules.Policy;
import io.signalbox.registry.route.RoutePolicyRules.Target;
import io.signalbox.registry.route.RoutePolicyRules.TargetDraft;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class RoutePolicyRulesTests {

    static final UUID SMALL = UUID.fromString("00000000-0000-0000-0000-000000000001");

    static final UUID LARGE = UUID.fromString("00000000-0000-0000-0000-000000000002");

    @Test
    void acceptsAWeightedSplitAndKeepsTargetOrder() {
        Policy policy = RoutePolicyRules.check("auto", "weighted",
                List.of(new TargetDraft(SMALL, 80), new TargetDraft(LARGE, 20)));

        assertThat(policy.type()).isEqualTo("weighted");
        assertThat(policy.targets()).containsExactly(new Target(SMALL, 80), new Target(LARGE, 20));
    }

    @Test
    void staticTargetNeedsNoWeight() {
        Policy policy = RoutePolicyRules.check("smart", "static", List.of(new TargetDraft(LARGE, null)));

        assertThat(policy.targets()).containsExactly(new Target(LARGE, 1));
    }

    @Test
    void staticRouteHasExactlyOneTarget() {
        assertThat(violations("fast", "static", List.of(new TargetDraft(SMALL, 1), new TargetDraft(LARGE, 1))))
                .containsExactly(new FieldViolation("policy.targets", "a static route has exactly one target"));
        assertThat(violations("fast", "static", List.of()))
                .containsExactly(new FieldViolation("policy.targets", "a static route has exactly one target"));
    }

    @Test
    void weightedRouteNeedsATarget() {
        assertThat(violations("auto", "weighted", null)).extracting(FieldViolation::field)
                .containsExactly("policy.targets");
    }

    @ParameterizedTest(name = "weight {0}")
    @ValueSource(ints = { 0, -5, 1_000_001 })
    void rejectsWeightsThatAreNotPositiveOrTooLarge(int weight) {
        assertThat(violations("auto", "weighted", List.of(new TargetDraft(SMALL, 50), new TargetDraft(LARGE, weight))))
                .containsExactly(new FieldViolation("policy.targets[1].weight", "must be between 1 and 1000000"));
    }

    @Test
    void weightedTargetsNeedAWeight() {
        assertThat(violations("auto", "weighted", List.of(new TargetDraft(SMALL, null))))
                .containsExactly(new FieldViolation("policy.targets[0].weight", "is required for a weighted route"));
    }

    @Test
    void aModelIsATargetOnlyOnce() {
        assertThat(violations("auto", "weighted", List.of(new TargetDraft(SMALL, 50), new TargetDraft(SMALL, 50))))
                .extracting(FieldViolation::field).containsExactly("policy.targets[1].modelId");
    }

    @Test
    void targetsNeedAModel() {
        assertThat(violations("auto", "weighted", Arrays.asList(new TargetDraft(null, 5), null)))
                .extracting(FieldViolation::field)
                .containsExactly("policy.targets[0].modelId", "policy.targets[1].modelId", "policy.targets[1].weight");
    }

    @ParameterizedTest(name = "alias \"{0}\"")
    @ValueSource(strings = { "", "Auto", "-fast", "fast lane", "team/fast", "é" })
    void rejectsAliasesClientsCouldNotSendCleanly(String alias) {
        assertThat(violations(alias, "static", List.of(new TargetDraft(SMALL, null))))
                .extracting(FieldViolation::field).containsExactly("alias");
    }

    @ParameterizedTest(name = "alias \"{0}\"")
    @ValueSource(strings = { "auto", "fast", "gpt-4o-mini", "v2.smart", "0_cheap" })
    void acceptsLowerCaseAliases(String alias) {
        assertThat(RoutePolicyRules.check(alias, "static", List.of(new TargetDraft(SMALL, null))).targets()).hasSize(1);
    }

    @Test
    void reportsEveryBrokenRuleAtOnce() {
        assertThat(violations(null, "round-robin", List.of(new TargetDraft(SMALL, 0))))
                .extracting(FieldViolation::field)
                .containsExactly("alias", "policy.type", "policy.targets[0].weight");
    }

    private static List<FieldViolation> violations(String alias, String type, List<TargetDraft> targets) {
        ValidationFailedException failure = catchThrowableOfType(ValidationFailedException.class,
                () -> RoutePolicyRules.check(alias, type, targets));
        assertThat(failure).as("expected the route to be refused").isNotNull();
        return failure.violations();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidParameters")
    void policyParametersAreCheckedPerType(String type, Map<String, Object> parameters, int targets,
            List<String> fields) {
        List<TargetDraft> drafts = Stream.of(SMALL, LARGE).limit(targets)
                .map(id -> new TargetDraft(id, null)).toList();

        ValidationFailedException failure = catchThrowableOfType(ValidationFailedException.class,
                () -> RoutePolicyRules.check("r", type, drafts, parameters));

        assertThat(failure).isNotNull();
        assertThat(failure.violations()).extracting(FieldViolation::field).containsExactlyInAnyOrderElementsOf(fields);
    }

    static Stream<Arguments> invalidParameters() {
        return Stream.of(
                Arguments.of("static", Map.of("x", 1), 1,
                        List.of("policy.parameters")),
                Arguments.of("fallback", Map.of("maxAttempts", 3), 2,
                        List.of("policy.parameters.maxAttempts")),
                Arguments.of("fallback", Map.of(), 1,
                        List.of("policy.targets")),
                Arguments.of("fallback",
                        Map.of("retryOn", List.of("teapot")), 2, List.of("policy.parameters.retryOn")),
                Arguments.of("tiered", Map.of(), 1,
                        List.of("policy.parameters.tiers", "policy.parameters.defaultTier")),
                Arguments.of("tiered", Map.of(
                        "tiers", Map.of("gold", List.of(SMALL.toString()), "economy",
                                List.of(UUID.randomUUID().toString())),
                        "defaultTier", "premium"), 1,
                        List.of("policy.parameters.tiers.gold", "policy.parameters.tiers.economy[0]",
                                "policy.parameters.defaultTier")),
                Arguments.of("cost-aware", Map.of(
                        "maxCostPerMillion", -1, "minQualityTier", "gold"), 2,
                        List.of("policy.parameters.maxCostPerMillion", "policy.parameters.minQualityTier")),
                Arguments.of("latency-aware", Map.of(
                        "maxQueueDepth", 0, "constraints", Map.of("regions", List.of("EU"),
                                "privateOnly", "yes", "speed", 1)), 1,
                        List.of("policy.parameters.maxQueueDepth", "policy.parameters.constraints.regions",
                                "policy.parameters.constraints.privateOnly", "policy.parameters.constraints.speed")),
                Arguments.of("complexity", Map.of(
                        "tiers", Map.of("economy", List.of(SMALL.toString()), "premium", List.of(LARGE.toString())),
                        "thresholds", Map.of("premium", 1.5, "standard", 0.3), "scorer", "embedding"), 2,
                        List.of("policy.parameters.thresholds.premium", "policy.parameters.thresholds.standard",
                                "policy.parameters.head")),
                Arguments.of("semantic", Map.of("categories", List.of(
                        Map.of("name", "code", "examples", List.of("fix my bug"), "modelIds", List.of(SMALL.toString())),
                        Map.of("name", "code", "examples", List.of(), "modelIds", List.of(UUID.randomUUID().toString()))),
                        "threshold", 2, "constraints", Map.of("onSensitiveData", "shout")), 1,
                        List.of("policy.parameters.categories[1].name", "policy.parameters.categories[1].examples",
                                "policy.parameters.categories[1].modelIds[0]", "policy.parameters.threshold",
                                "policy.parameters.constraints.onSensitiveData")),
                Arguments.of("static", Map.of("mirror", Map.of("modelId", "llama", "percent", 0, "when", "always")), 1,
                        List.of("policy.parameters.mirror.modelId", "policy.parameters.mirror.percent",
                                "policy.parameters.mirror.when")),
                Arguments.of("tiered", Map.of("tiers", Map.of("economy", List.of(SMALL.toString())),
                        "defaultTier", "economy", "mirror", Map.of("modelId", LARGE.toString(), "percent", 100.5)), 1,
                        List.of("policy.parameters.mirror.percent")),
                Arguments.of("fallback", Map.of("mirror", "10%"), 2,
                        List.of("policy.parameters.mirror")),
                Arguments.of("teleport", Map.of(), 1,
                        List.of("policy.type")));
    }

    @Test
    void everyPolicyTypeMayMirrorAShareOfItsTraffic() {
        Map<String, Object> mirror = Map.of("mirror", Map.of("modelId", LARGE.toString(), "percent", 12.5));

        Policy fixed = RoutePolicyRules.check("r", "static", List.of(new TargetDraft(SMALL, null)), mirror);
        Policy split = RoutePolicyRules.check("r", "weighted", List.of(new TargetDraft(SMALL, 1)), mirror);

        assertThat(fixed.parameters()).isEqualTo(mirror);
        assertThat(split.parameters()).isEqualTo(mirror);
        assertThat(RoutePolicyRules.mirrorModel(fixed.parameters())).isEqualTo(LARGE);
    }

    @Test
    void acceptsComplexityAndSemanticRoutes() {
        List<TargetDraft> both = List.of(new TargetDraft(SMALL, null), new TargetDraft(LARGE, null));
        Policy complexity = RoutePolicyRules.check("smart", "complexity", both, Map.of(
                "tiers", Map.of("economy", List.of(SMALL.toString()), "premium", List.of(LARGE.toString())),
                "thresholds", Map.of("premium", 0.62), "scorer", "features",
                "constraints", Map.of("onSensitiveData", "private")));
        Policy semantic = RoutePolicyRules.check("by-topic", "semantic", both, Map.of("categories", List.of(
                Map.of("name", "code", "examples", List.of("fix this stack trace"), "modelIds", List.of(LARGE.toString()))),
                "threshold", 0.55));

        assertThat(complexity.parameters()).containsKey("thresholds").doesNotContainKey("defaultTier");
        assertThat(semantic.type()).isEqualTo("semantic");
    }

    @Test
    void validParametersAreKept() {
        Policy policy = RoutePolicyRules.check("r", "tiered",
                List.of(new TargetDraft(SMALL, null), new TargetDraft(LARGE, null)),
                Map.of("tiers", Map.of("economy", List.of(SMALL.toString()),
                        "premium", List.of(LARGE.toString())), "defaultTier", "economy",
                        "constraints", Map.of("capabilities", List.of("chat"))));

        assertThat(policy.type()).isEqualTo("tiered");
        assertThat(policy.parameters()).containsEntry("defaultTier", "economy").containsKey("constraints");
    }
}
