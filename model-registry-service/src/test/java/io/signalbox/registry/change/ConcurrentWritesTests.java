package io.signalbox.registry.change;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import io.signalbox.registry.RegistryIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writes that arrive at the same moment: the registry must behave as if they came one after the other.
 * Each case releases all writers from one gate and repeats, so a broken guard shows up as a lost update
 * or a double success, not as a flaky timing.
 */
class ConcurrentWritesTests extends RegistryIntegrationTest {

    private static final int WRITERS = 6;

    @Test
    void ofConcurrentUpdatesAgainstOneRevisionExactlyOneWinsAndTheOthersAreStale() throws Exception {
        for (int round = 0; round < 3; round++) {
            String name = unique("racy");
            String path = "/api/v1/providers/" + createId("/api/v1/providers", """
                    {"name": "%s", "kind": "openai"}""".formatted(name));
            String etag = etag(path);

            List<Integer> statuses = race(WRITERS, i -> put(path, etag, """
                    {"name": "%s-%d", "kind": "openai"}""".formatted(name, i)).returnResult(String.class).getStatus()
                    .value());

            assertThat(statuses).as("round " + round).containsOnly(200, 412);
            assertThat(statuses.stream().filter(s -> s == 200).count()).as("winners in round " + round).isOne();
            assertThat(read(path).path("revision").asLong()).as("one update applied").isEqualTo(1);
        }
    }

    @Test
    void aModelNameAndARouteAliasCreatedAtTheSameMomentCannotBothSucceed() throws Exception {
        String provider = createId("/api/v1/providers", """
                {"name": "%s", "kind": "openai"}""".formatted(unique("openai")));
        String target = createId("/api/v1/models", """
                {"providerId": "%s", "name": "%s", "upstreamModel": "m", "contextWindow": 8192,
                 "capabilities": ["chat"]}""".formatted(provider, unique("target")));

        for (int round = 0; round < 5; round++) {
            String name = unique("contested");
            List<Integer> statuses = race(2, i -> i == 0
                    ? post("/api/v1/models", """
                            {"providerId": "%s", "name": "%s", "upstreamModel": "m", "contextWindow": 8192,
                             "capabilities": ["chat"]}""".formatted(provider, name))
                    : post("/api/v1/routes", """
                            {"alias": "%s", "policy": {"type": "static", "targets": [{"modelId": "%s"}]}}"""
                            .formatted(name, target)));

            assertThat(statuses).as("round " + round + ": model, route").containsExactlyInAnyOrder(201, 409);
        }
    }

    private int post(String path, String json) {
        return admin().post().uri(path).contentType(MediaType.APPLICATION_JSON).body(json).exchange()
                .returnResult(String.class).getStatus().value();
    }

    /** Runs the writers at once, released together, and answers their statuses in writer order. */
    private static List<Integer> race(int writers, IntFunction<Integer> writer) throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                int index = i;
                results.add(pool.submit(() -> {
                    gate.await();
                    return writer.apply(index);
                }));
            }
            gate.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : results) {
                statuses.add(result.get());
            }
            return statuses;
        }
    }
}
