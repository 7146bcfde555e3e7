package io.signalbox.routing.decision;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import io.signalbox.contracts.decision.DecisionDetails;
import io.signalbox.contracts.decision.DecisionRequest;
import io.signalbox.contracts.decision.DecisionResponse;
import io.signalbox.routing.SampleCatalog;
import io.signalbox.routing.catalog.Catalog;
import io.signalbox.routing.catalog.CatalogHolder;
import io.signalbox.routing.endpoint.EndpointPicker;
import io.signalbox.routing.endpoint.EndpointSignalStore;
import io.signalbox.routing.endpoint.PrefixIndex;
import io.signalbox.routing.policy.PolicyRegistry;
import io.signalbox.routing.policy.StaticPolicy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** An explained decision shows each endpoint's picker scores, so an operator can see why an endpoint won. */
class ExplainedEndpointScoresTests {

    private final EndpointSignalStore signals = new EndpointSignalStore(Duration.ofSeconds(1));

    private final SplittableRandom seeded = new SplittableRandom(4L);

    private final DecisionEngine engine = new DecisionEngine(new CatalogHolder(),
            new PolicyRegistry(List.of(new StaticPolicy())), Clock.fixed(Instant.now(), ZoneOffset.UTC), () -> seeded,
            new EndpointPicker(signals, new PrefixIndex(64, 256, 1000), EndpointPicker.Settings.defaults()), signals);

    private final Catalog catalog = Catalog.of(SampleCatalog.snapshot(2));

    @Test
    void theLessLoadedEndpointWinsAndEveryScoreIsShown() {
        signals.record("ep-llama-1", "vllm:num_requests_waiting 4\nvllm:kv_cache_usage_perc 0.5\n", System.nanoTime());
        signals.record("ep-llama-2", "vllm:num_requests_waiting 0\nvllm:kv_cache_usage_perc 0.2\n", System.nanoTime());

        DecisionResponse decision = engine.decide(catalog, new DecisionRequest("req-1", "tenant-1", "team-1", "key-1",
                "llama-3.1-8b", "chat.completions", false, 10, null, Set.of(), null, Map.of(), null, null, null), true);

        List<DecisionDetails.Candidate> endpoints = decision.details().candidates().stream()
                .filter(c -> c.endpointId() != null && !"filtered".equals(c.outcome())).toList();
        assertThat(endpoints).extracting(DecisionDetails.Candidate::endpointId).containsExactly("ep-llama-2", "ep-llama-1");
        assertThat(endpoints.getFirst().scores()).containsEntry("queue", 1.0).containsEntry("prefix", 0.0)
                .containsEntry("saturated", 0.0).containsEntry("stale", 0.0).doesNotContainKey("lora")
                .hasEntrySatisfying("kv", kv -> assertThat(kv).isCloseTo(0.8, org.assertj.core.data.Offset.offset(1e-9)))
                .hasEntrySatisfying("total", total -> assertThat(total).isCloseTo(2.8, org.assertj.core.data.Offset.offset(1e-9)));
        assertThat(endpoints.getLast().scores()).containsEntry("queue", 0.0);
    }
}
