package io.signalbox.routing.endpoint;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

import io.signalbox.contracts.catalog.EndpointInfo;
import io.signalbox.contracts.catalog.PickerSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Scraped signals and the prefix index steer a request to the endpoint that will answer it soonest. */
class EndpointPickerTests {

    private static final EndpointInfo A = endpoint("ep-a");

    private static final EndpointInfo B = endpoint("ep-b");

    private static final EndpointInfo C = endpoint("ep-c");

    private final EndpointSignalStore store = new EndpointSignalStore(Duration.ofSeconds(1));

    private final PrefixIndex prefixes = new PrefixIndex(16, 64, 1000);

    private final EndpointPicker picker = new EndpointPicker(store, prefixes, EndpointPicker.Settings.defaults());

    private final SplittableRandom random = new SplittableRandom(3);

    @Test
    void prefersTheShortestQueueAndTheEmptiestCache() {
        scrape(A, 4, 0.5);
        scrape(B, 0, 0.1);
        scrape(C, 2, 0.3);

        assertThat(order(new long[0])).containsExactly("ep-b", "ep-c", "ep-a");
    }

    @Test
    void sendsASharedPrefixBackToTheEndpointThatHasItCached() {
        scrape(A, 1, 0.2);
        scrape(B, 0, 0.2);
        scrape(C, 0, 0.2);
        String systemPrompt = "You are the support assistant of ACME. Answer politely. ".repeat(20);
        long[] first = prefixes.blocks(systemPrompt + "user: where is my order?");
        picker.sent("ep-a", first);

        long[] second = prefixes.blocks(systemPrompt + "user: how do I reset my password?");

        assertThat(prefixes.matchedBlocks("ep-a", second)).isGreaterThan(second.length / 2);
        assertThat(order(second).getFirst()).as("the cached prefix outweighs a queue of one").isEqualTo("ep-a");
    }

    @Test
    void aFullIndexForgetsAPromptsTailBeforeItsSharedSystemPrompt() {
        PrefixIndex small = new PrefixIndex(8, 16, 4);
        String system = "SYSTEM-0SYSTEM-1";
        small.record("ep-a", small.blocks(system + "Q1-partAQ1-partB"));
        small.record("ep-a", small.blocks("OTHER-00OTHER-01"));

        assertThat(small.matchedBlocks("ep-a", small.blocks(system + "Q2-partA")))
                .as("the two system-prompt blocks survived; the question's blocks were evicted first").isEqualTo(2);
    }

    @Test
    void aPrefixWhoseTailWasEvictedStillMatchesItsLeadingBlocks() {
        PrefixIndex small = new PrefixIndex(8, 16, 3);
        small.record("ep-a", small.blocks("BLOCK-00BLOCK-01BLOCK-02"));
        small.record("ep-a", small.blocks("OTHER-00"));

        assertThat(small.matchedBlocks("ep-a", small.blocks("BLOCK-00BLOCK-01BLOCK-02")))
                .as("the third block was evicted, the first two remain").isEqualTo(2);
        assertThat(small.matchedBlocks("ep-b", small.blocks("BLOCK-00"))).isZero();
        assertThat(small.matchedBlocks("ep-a", small.blocks("OTHER-01BLOCK-01"))).isZero();
    }

    @Test
    void countsItsOwnRequestsUntilTheNextScrapeSoItDoesNotHerd() {
        scrape(A, 0, 0.1);
        scrape(B, 0, 0.1);
        for (int i = 0; i < 3; i++) {
            picker.sent("ep-a", new long[0]);
        }

        assertThat(store.fresh("ep-a", System.nanoTime()).orElseThrow().waiting()).isEqualTo(3);
        assertThat(order(new long[0]).getFirst()).isEqualTo("ep-b");
        scrape(A, 0, 0.1);
        assertThat(store.fresh("ep-a", System.nanoTime()).orElseThrow().waiting()).as("a scrape resets the count")
                .isZero();
    }

    @Test
    void staleMetricsAreNotTrustedAndGoLast() {
        store.record("ep-a", metrics(0, 0.0), System.nanoTime() - Duration.ofSeconds(5).toNanos());
        scrape(B, 3, 0.6);

        List<EndpointPicker.Scored> scored = picker.order(List.of(A, B), new long[0], EndpointPicker.Priority.STANDARD,
                null, random);

        assertThat(scored).extracting(s -> s.endpoint().id()).containsExactly("ep-b", "ep-a");
        assertThat(scored.getLast().stale()).isTrue();
    }

    @Test
    void shedsSheddableRequestsOnlyWhenEveryEndpointIsSaturated() {
        scrape(A, 9, 0.5);
        scrape(B, 2, 0.95);

        assertThatExceptionOfType(EndpointPicker.Shed.class).isThrownBy(() -> picker.order(List.of(A, B), new long[0],
                EndpointPicker.Priority.SHEDDABLE, null, random));
        assertThat(picker.order(List.of(A, B), new long[0], EndpointPicker.Priority.CRITICAL, null, random))
                .as("critical traffic still gets the least loaded endpoint").hasSize(2);
        scrape(B, 0, 0.2);
        assertThat(picker.order(List.of(A, B), new long[0], EndpointPicker.Priority.SHEDDABLE, null, random))
                .extracting(s -> s.endpoint().id()).as("saturated endpoints go last").containsExactly("ep-b", "ep-a");
    }

    @Test
    void aPoolsOwnSettingsOverrideTheRoutersDefaultsOneValueAtATime() {
        EndpointPicker.Settings queueOnly = picker.settingsFor(new PickerSettings(0.0, null, 0.0, null, 20.0, null));

        assertThat(queueOnly).isEqualTo(new EndpointPicker.Settings(0, 2, 0, 1, 20, 0.9));
        assertThat(picker.settingsFor(null)).isEqualTo(EndpointPicker.Settings.defaults());
        assertThat(picker.settingsFor(new PickerSettings(null, null, null, null, null, null)))
                .isEqualTo(EndpointPicker.Settings.defaults());
    }

    @Test
    void eachEndpointIsScoredAndJudgedSaturatedByItsOwnPoolsSettings() {
        scrape(A, 8, 0.2);
        scrape(B, 0, 0.2);
        long[] blocks = prefixes.blocks("You are the support assistant of ACME. ".repeat(10));
        picker.sent("ep-a", blocks);
        EndpointPicker.Settings tolerant = picker.settingsFor(new PickerSettings(null, null, null, null, 50.0, null));

        List<EndpointPicker.Scored> byDefaults = picker.order(List.of(A, B), blocks, EndpointPicker.Priority.STANDARD,
                null, random);
        List<EndpointPicker.Scored> aTolerates = picker.order(List.of(A, B), blocks, EndpointPicker.Priority.STANDARD,
                null, random, endpoint -> endpoint.id().equals("ep-a") ? tolerant : EndpointPicker.Settings.defaults());

        assertThat(byDefaults.getFirst().endpoint().id()).as("a queue of 9 saturates ep-a under the default 5")
                .isEqualTo("ep-b");
        assertThat(aTolerates.getFirst().endpoint().id()).as("its pool allows 50 waiting: the cached prefix wins")
                .isEqualTo("ep-a");
    }

    @Test
    void prefersAnEndpointWithTheRequestedAdapterLoaded() {
        store.record("ep-a", metrics(0, 0.2) + lora("sql-lora"), System.nanoTime());
        store.record("ep-b", metrics(0, 0.2) + lora("chat-lora"), System.nanoTime());

        List<EndpointPicker.Scored> scored = picker.order(List.of(A, B), new long[0], EndpointPicker.Priority.STANDARD,
                "chat-lora", random);

        assertThat(scored.getFirst().endpoint().id()).isEqualTo("ep-b");
        assertThat(scored.getFirst().scores()).containsEntry("lora", 1.0);
    }

    @Test
    void measuresTimeToFirstTokenFromTheHistogramBetweenScrapes() {
        store.record("ep-a", metrics(0, 0.1) + ttft(10.0, 100), System.nanoTime());
        assertThat(store.fresh("ep-a", System.nanoTime()).orElseThrow().timeToFirstTokenMillis()).as("one scrape: no interval")
                .isNull();
        store.record("ep-a", metrics(0, 0.1) + ttft(12.0, 110), System.nanoTime());

        assertThat(store.fresh("ep-a", System.nanoTime()).orElseThrow().timeToFirstTokenMillis()).isEqualTo(200.0);
    }

    private List<String> order(long[] blocks) {
        return picker.order(List.of(A, B, C), blocks, EndpointPicker.Priority.STANDARD, null, random).stream()
                .map(s -> s.endpoint().id()).toList();
    }

    private void scrape(EndpointInfo endpoint, int waiting, double kv) {
        store.record(endpoint.id(), metrics(waiting, kv), System.nanoTime());
    }

    private static String metrics(int waiting, double kv) {
        return """
                # HELP vllm:num_requests_running Number of requests in model execution batches.
                # TYPE vllm:num_requests_running gauge
                vllm:num_requests_running{model_name="m"} 1.0
                vllm:num_requests_waiting{model_name="m"} %d.0
                vllm:kv_cache_usage_perc{model_name="m"} %s
                """.formatted(waiting, kv);
    }

    private static String lora(String adapter) {
        return "vllm:lora_requests_info{max_lora=\"2\",running_lora_adapters=\"" + adapter
                + "\",waiting_lora_adapters=\"\"} 1.7e9\n";
    }

    private static String ttft(double sumSeconds, int count) {
        return "vllm:time_to_first_token_seconds_sum{model_name=\"m\"} " + sumSeconds + "\n"
                + "vllm:time_to_first_token_seconds_count{model_name=\"m\"} " + count + "\n";
    }

    private static EndpointInfo endpoint(String id) {
        return new EndpointInfo(id, "pool", "http://127.0.0.1:1/" + id + "/v1", "local", "active", 1);
    }
}
