package io.signalbox.routing.policy;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class PolicyRegistryTests {

    private final WeightedPolicy weighted = new WeightedPolicy(SplittableRandom::new);

    @Test
    void findsPoliciesByTheirTypeName() {
        PolicyRegistry registry = new PolicyRegistry(List.of(new StaticPolicy(), weighted));

        assertThat(registry.find("weighted")).containsSame(weighted);
        assertThat(registry.find("cost")).isEmpty();
        assertThat(registry.types()).containsExactly("static", "weighted");
    }

    @Test
    void refusesTwoPoliciesClaimingTheSameType() {
        assertThatIllegalStateException()
                .isThrownBy(() -> new PolicyRegistry(List.of(new StaticPolicy(), new StaticPolicy())))
                .withMessageContaining("'static'");
    }
}
