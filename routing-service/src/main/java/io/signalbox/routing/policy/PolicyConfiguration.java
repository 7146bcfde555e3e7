package io.signalbox.routing.policy;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The built-in policies. A new policy is one more {@link Policy} bean; the registry finds it. */
@Configuration(proxyBeanMethods = false)
class PolicyConfiguration {

    @Bean
    StaticPolicy staticPolicy() {
        return new StaticPolicy();
    }

    @Bean
    WeightedPolicy weightedPolicy() {
        return new WeightedPolicy(ThreadLocalRandom::current);
    }

    @Bean
    PolicyRegistry policyRegistry(List<Policy> policies) {
        return new PolicyRegistry(policies);
    }
}
