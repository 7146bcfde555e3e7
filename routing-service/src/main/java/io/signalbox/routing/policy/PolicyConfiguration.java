package io.signalbox.routing.policy;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import io.signalbox.routing.embedding.EmbeddingProperties;
import io.signalbox.routing.embedding.MiniLmEmbedder;
import io.signalbox.routing.embedding.SentenceEmbedder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The built-in policies. A new policy is one more {@link Policy} bean; the registry finds it. The
 * sentence embedder (MiniLM, in process) is loaded on first use by a semantic or learned-complexity route,
 * so a deployment without such routes never pays for it; a {@link SentenceEmbedder} bean replaces it.
 */
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
    FallbackPolicy fallbackPolicy() {
        return new FallbackPolicy();
    }

    @Bean
    CostAwarePolicy costAwarePolicy() {
        return new CostAwarePolicy();
    }

    @Bean
    LatencyAwarePolicy latencyAwarePolicy() {
        return new LatencyAwarePolicy();
    }

    @Bean
    TieredPolicy tieredPolicy() {
        return new TieredPolicy();
    }

    @Bean
    ComplexityPolicy complexityPolicy(ObjectProvider<SentenceEmbedder> embedders, EmbeddingProperties embedding) {
        return new ComplexityPolicy(embedder(embedders, embedding));
    }

    @Bean
    SemanticPolicy semanticPolicy(ObjectProvider<SentenceEmbedder> embedders, EmbeddingProperties embedding) {
        return new SemanticPolicy(embedder(embedders, embedding));
    }

    @Bean
    PolicyRegistry policyRegistry(List<Policy> policies) {
        return new PolicyRegistry(policies);
    }

    private static Supplier<SentenceEmbedder> embedder(ObjectProvider<SentenceEmbedder> embedders,
            EmbeddingProperties embedding) {
        return () -> embedders.getIfAvailable(() -> MiniLmEmbedder.shared(embedding.settings()));
    }
}
