package io.signalbox.routing.policy;

import java.util.List;

import io.signalbox.contracts.catalog.RouteTarget;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class StaticPolicyTests {

    private final StaticPolicy policy = new StaticPolicy();

    @Test
    void picksTheOnlyTarget() {
        RouteTarget only = new RouteTarget("mod-a", 1);

        PolicyChoice choice = policy.choose(new PolicyRequest("route-a", List.of(only), "user-1"));

        assertThat(choice.pick()).isEqualTo(only);
        assertThat(choice.ordered()).containsExactly(only);
        assertThat(choice.summary()).isEqualTo("static");
    }

    @Test
    void keepsFurtherTargetsInRouteOrderAsFallbacks() {
        List<RouteTarget> targets = List.of(new RouteTarget("mod-a", 1), new RouteTarget("mod-b", 50),
                new RouteTarget("mod-c", 9));

        PolicyChoice choice = policy.choose(new PolicyRequest("route-a", targets, null));

        assertThat(choice.ordered()).containsExactlyElementsOf(targets);
    }

    @Test
    void refusesToChooseFromNothing() {
        assertThatIllegalArgumentException().isThrownBy(() -> new PolicyRequest("route-a", List.of(), null));
    }
}
