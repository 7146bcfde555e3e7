package io.signalbox.simulator.server;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

import io.signalbox.simulator.endpoint.EndpointSpec;
import io.signalbox.simulator.engine.EngineSpec;
import io.signalbox.simulator.engine.EngineStats;
import org.junit.jupiter.api.Test;

import static io.signalbox.simulator.server.TestHttp.chat;
import static io.signalbox.simulator.server.TestHttp.get;
import static io.signalbox.simulator.server.TestHttp.json;
import static io.signalbox.simulator.server.TestHttp.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The engine seen through HTTP: cached tokens in usage, queueing and vLLM's metrics on {@code /metrics}. */
class EngineHttpTests {

    private static final String LONG_PROMPT = "Summarise the routing policy. ".repeat(300);

    @Test
    void repeatedLongPromptGetsALowerTimeToFirstTokenThanOnAColdEndpoint() {
        EngineSpec engine = EngineSpec.unbounded().withPrefillTokensPerSecond(20_000);
        try (SimulatorServer server = SimulatorServer.start(
                EndpointSpec.builder("warm", "m").ttft(Duration.ZERO).outputTokens(1, 1).engine(engine).build(),
                EndpointSpec.builder("cold", "m").ttft(Duration.ZERO).outputTokens(1, 1).engine(engine).build())) {
            SimulatedEndpoint warm = server.endpoint("warm");
            SimulatedEndpoint cold = server.endpoint("cold");

            HttpResponse<String> first = post(warm, "/v1/chat/completions", chat("m", LONG_PROMPT, ""));
            long firstTtft = warm.engineStats().ttftSumNanos();
            HttpResponse<String> again = post(warm, "/v1/chat/completions", chat("m", LONG_PROMPT, ""));
            long againTtft = warm.engineStats().ttftSumNanos() - firstTtft;
            post(cold, "/v1/chat/completions", chat("m", LONG_PROMPT, ""));
            long coldTtft = cold.engineStats().ttftSumNanos();

            int promptTokens = json(first).at("/usage/prompt_tokens").intValue();
            int cachedTokens = json(again).at("/usage/prompt_tokens_details/cached_tokens").intValue();
            assertThat(json(first).at("/usage/prompt_tokens_details/cached_tokens").intValue()).isZero();
            assertThat(cachedTokens).isEqualTo((promptTokens - 1) / 16 * 16);
            assertThat(coldTtft).isEqualTo(firstTtft).isEqualTo(promptTokens * 50_000L);
            assertThat(againTtft).isEqualTo((promptTokens - cachedTokens) * 50_000L).isLessThan(coldTtft / 50);
            assertThat(get(warm, "/metrics").body())
                    .contains("vllm:prefix_cache_queries_total{model_name=\"m\",engine=\"0\"} "
                            + (2 * promptTokens) + ".0")
                    .contains("vllm:prefix_cache_hits_total{model_name=\"m\",engine=\"0\"} " + cachedTokens + ".0");
        }
    }

    @Test
    void requestsBeyondTheBatchLimitWaitAndShowInNumRequestsWaiting() throws Exception {
        try (SimulatorServer server = SimulatorServer.start(EndpointSpec.builder("busy", "m")
                .ttft(Duration.ofMillis(400)).timePerOutputToken(Duration.ZERO).outputTokens(2, 2)
                .engine(EngineSpec.unbounded().withMaxRunningSequences(1)).build());
                var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            SimulatedEndpoint endpoint = server.endpoint("busy");
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int index = 0; index < 3; index++) {
                String body = chat("m", "question " + index, "");
                answers.add(CompletableFuture.supplyAsync(() -> post(endpoint, "/v1/chat/completions", body),
                        executor));
            }

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(get(endpoint, "/metrics").body())
                    .contains("vllm:num_requests_running{model_name=\"m\",engine=\"0\"} 1.0")
                    .contains("vllm:num_requests_waiting{model_name=\"m\",engine=\"0\"} 2.0"));
            for (CompletableFuture<HttpResponse<String>> answer : answers) {
                assertThat(answer.get().statusCode()).isEqualTo(200);
            }

            EngineStats stats = endpoint.engineStats();
            assertThat(stats.waiting()).isZero();
            // All three arrived while the first ran (400 ms), so the second waited at least until 800 ms after the
            // first arrived minus 400 ms, and the third 1200 ms minus 400 ms: 400 + 400 + 800 ms at the least.
            assertThat(stats.ttftSumNanos()).as("TTFT includes the queue wait")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(400 + 400 + 800).toNanos());
            assertThat(get(endpoint, "/metrics").body())
                    .contains("vllm:num_requests_waiting{model_name=\"m\",engine=\"0\"} 0.0")
                    .contains("vllm:generation_tokens_total{model_name=\"m\",engine=\"0\"} 6.0");
        }
    }

    @Test
    void servesVllmMetricNamesAndTheTtftHistogram() {
        try (SimulatorServer server = SimulatorServer.start(EndpointSpec.builder("m", "meta-llama/Llama-3.1-8B")
                .ttft(Duration.ofMillis(30)).timePerOutputToken(Duration.ZERO).loraAdapters("sql-lora")
                .build())) {
            SimulatedEndpoint endpoint = server.endpoint("m");
            post(endpoint, "/v1/chat/completions", chat("meta-llama/Llama-3.1-8B", "Hi", ""));

            HttpResponse<String> metrics = TestHttp.send(HttpRequest.newBuilder(
                    URI.create(endpoint.rootUrl() + "/metrics")).GET().build(), HttpResponse.BodyHandlers.ofString());

            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("content-type"))
                    .hasValue("text/plain; version=0.0.4; charset=utf-8");
            String labels = "{model_name=\"meta-llama/Llama-3.1-8B\",engine=\"0\"";
            assertThat(metrics.body())
                    .contains("# TYPE vllm:num_requests_running gauge\n")
                    .contains("vllm:kv_cache_usage_perc" + labels + "} 0.0\n")
                    .contains("# TYPE vllm:prompt_tokens counter\n")
                    .contains("vllm:prompt_tokens_total" + labels + "} 8.0\n")
                    .contains("# TYPE vllm:time_to_first_token_seconds histogram\n")
                    .contains("vllm:time_to_first_token_seconds_bucket" + labels + ",le=\"0.02\"} 0.0\n")
                    .contains("vllm:time_to_first_token_seconds_bucket" + labels + ",le=\"0.04\"} 1.0\n")
                    .contains("vllm:time_to_first_token_seconds_bucket" + labels + ",le=\"+Inf\"} 1.0\n")
                    .contains("vllm:time_to_first_token_seconds_count" + labels + "} 1.0\n")
                    .contains("vllm:time_to_first_token_seconds_sum" + labels + "} 0.03\n")
                    .containsPattern("vllm:lora_requests_info\\{max_lora=\"1\",waiting_lora_adapters=\"\","
                            + "running_lora_adapters=\"\"} \\d+\\.\\d+");
            assertThat(endpoint.requests()).as("scrapes are not upstream traffic").hasSize(1);
        }
    }
}
