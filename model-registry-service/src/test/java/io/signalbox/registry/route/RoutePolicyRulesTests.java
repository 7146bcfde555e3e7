package io.signalbox.registry.route;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import io.signalbox.registry.common.FieldViolation;
import io.signalbox.registry.common.ValidationFailedException;
import io.signalbox.registry.route.RoutePolicyRules.Policy;
import io.signalbox.registry.route.RoutePolicyRules.Target;
import io.signalbox.registry.route.RoutePolicyRules.TargetDraft;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
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
}
