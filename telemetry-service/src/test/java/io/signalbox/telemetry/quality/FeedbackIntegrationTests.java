package io.signalbox.telemetry.quality;

import java.time.Instant;
import java.util.UUID;

import io.signalbox.contracts.Topics;
import io.signalbox.contracts.feedback.FeedbackRecorded;
import io.signalbox.contracts.json.ContractJson;
import io.signalbox.telemetry.StubRegistry;
import io.signalbox.telemetry.TelemetryIntegrationTestSupport;
import io.signalbox.telemetry.UsageEventBuilder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;

import static io.signalbox.telemetry.UsageEventBuilder.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The routing-quality loop over HTTP and Kafka: feedback joined with the routed request's tier (from the registry's
 * route tier map), idempotent per request, durable on the feedback topic and read back from it.
 */
class FeedbackIntegrationTests extends TelemetryIntegrationTestSupport {

    private final String requestId = "req-" + suffix;

    @Test
    void feedbackOnAPremiumRequestIsRecordedOnceDurablyAndCountsForItsTier() {
        double premiumBefore = premiumCount();
        routed(StubRegistry.LARGE, "large");
        awaitSample("premium");

        MvcTestResult created = post("""
                {"requestId": "%s", "score": 0.9, "label": "good"}""".formatted(requestId));

        assertThat(created).hasStatus(201).headers().hasValue(HttpHeaders.LOCATION, "/api/v1/feedback/" + requestId);
        JsonNode feedback = body(created);
        assertThat(feedback.get("tier").asString()).isEqualTo("premium");
        assertThat(feedback.get("sampled").asBoolean()).isTrue();
        assertThat(feedback.get("routeAlias").asString()).isEqualTo(StubRegistry.ADAPTIVE);
        assertThat(feedback.get("policy").asString()).isEqualTo("complexity");
        assertThat(feedback.get("score").asDouble()).isEqualTo(0.9);

        MvcTestResult again = post("""
                {"requestId": "%s", "score": 0.9, "label": "good"}""".formatted(requestId));
        assertThat(again).hasStatusOk();
        assertThat(body(again).get("eventId").asString()).isEqualTo(feedback.get("eventId").asString());

        MvcTestResult conflicting = post("""
                {"requestId": "%s", "score": 0.1}""".formatted(requestId));
        assertThat(conflicting).hasStatus(409);
        assertThat(body(conflicting).get("type").asString()).isEqualTo("https://signalbox.io/problems/feedback-conflict");
        assertThat(body(conflicting).get("recorded").get("score").asDouble()).isEqualTo(0.9);

        assertThat(getJson("/api/v1/feedback/" + requestId).get("label").asString()).isEqualTo("good");
        assertThat(premiumCount()).isEqualTo(premiumBefore + 1);
        ConsumerRecord<String, String> onTopic = awaitRecord(Topics.FEEDBACK, r -> requestId.equals(r.key()));
        assertThat(ContractJson.fromJson(onTopic.value(), FeedbackRecorded.class).eventId().toString())
                .isEqualTo(feedback.get("eventId").asString());
    }

    @Test
    void theRoutesTierMapDecidesTheTierAndAModelWithoutOneIsGroupedByItsName() {
        routed(StubRegistry.SMALL, "small");
        String unknown = "req-" + suffix + "-unknown";
        publish(1, usage().requestId(unknown).route(null, "static").model("model-" + suffix, "odd-" + suffix).build());
        await().atMost(DELIVERY).until(() -> post("""
                {"requestId": "%s", "score": 0.5}""".formatted(requestId)).getResponse().getStatus() == 201);
        await().atMost(DELIVERY).until(() -> post("""
                {"requestId": "%s", "score": 0.7}""".formatted(unknown)).getResponse().getStatus() == 201);

        assertThat(getJson("/api/v1/feedback/" + requestId).get("tier").asString())
                .as("the route lists the small model as economy, over its own standard tier").isEqualTo("economy");
        assertThat(getJson("/api/v1/feedback/" + requestId).get("sampled").asBoolean()).isFalse();
        JsonNode quality = getJson("/api/v1/feedback/quality?groupBy=tier&hours=2");
        assertThat(quality.get("groups").findValuesAsString("group")).contains("economy", "model:odd-" + suffix);
        assertThat(quality.get("comparison").get("cheaperTier").asString()).isEqualTo("economy");
        assertThat(getJson("/api/v1/feedback/quality?groupBy=model").get("groups").findValuesAsString("group"))
                .contains("odd-" + suffix, "small");
    }

    @Test
    void feedbackWrittenToTheTopicByAnEarlierInstanceIsReadBack() {
        FeedbackRecorded earlier = new FeedbackRecorded(1, UUID.randomUUID(), requestId, 0.4, "replayed", "tenant-a",
                null, null, StubRegistry.ADAPTIVE, "complexity", StubRegistry.SMALL, "small", "provider-local",
                "economy", false, Instant.now().minusSeconds(120), Instant.now().minusSeconds(60));

        publishRaw(Topics.FEEDBACK, 0, requestId, ContractJson.toJson(earlier));

        await().atMost(DELIVERY).untilAsserted(() -> assertThat(mvc.get().uri("/api/v1/feedback/" + requestId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_TOKEN)).hasStatusOk());
        MvcTestResult repeat = post("""
                {"requestId": "%s", "score": 0.4, "label": "replayed"}""".formatted(requestId));
        assertThat(repeat).as("the same feedback again is idempotent, not unknown").hasStatusOk();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"requestId": "r-1", "score": 1.5}                      | 400 | validation-failed  | score
            {"requestId": "r-1", "score": -0.1}                     | 400 | validation-failed  | score
            {"requestId": "r-1"}                                    | 400 | validation-failed  | score
            {"requestId": "", "score": 0.5}                         | 400 | validation-failed  | requestId
            {"requestId": "r-1", "score": "good"}                   | 400 | validation-failed  | score
            {"requestId": "r-1", "score": 0.5, "label": "%s"}       | 400 | validation-failed  | label
            {"requestId": "no-such-request", "score": 0.5}          | 404 | unknown-request    |
            not json                                                | 400 | malformed-request  |
            """)
    void badFeedbackIsAnsweredWithProblemDetails(String body, int status, String type, @Nullable String field) {
        MvcTestResult result = post(body.replace("%s", "x".repeat(101)));

        assertThat(result).hasStatus(status).hasContentType("application/problem+json");
        JsonNode problem = body(result);
        assertThat(problem.get("type").asString()).isEqualTo("https://signalbox.io/problems/" + type);
        if (field != null) {
            assertThat(problem.get("errors").findValuesAsString("field")).containsExactly(field);
        }
    }

    @Test
    void postingFeedbackNeedsAnAdminCredentialAndSamplesAreListedNewestFirst() {
        assertThat(mvc.post().uri("/api/v1/feedback").contentType(MediaType.APPLICATION_JSON)
                .content("{\"requestId\": \"r\", \"score\": 1}")).hasStatus(401);
        assertThat(mvc.post().uri("/api/v1/feedback").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + VIEWER_TOKEN)
                .content("{\"requestId\": \"r\", \"score\": 1}")).hasStatus(403);
        routed(StubRegistry.LARGE, "large");

        JsonNode sample = awaitSample("premium");

        assertThat(sample.get("tier").asString()).isEqualTo("premium");
        assertThat(sample.get("traceId").asString()).isEqualTo("trace-" + suffix);
        assertThat(sample.has("prompt")).as("never any prompt or completion text").isFalse();
        MvcTestResult bad = mvc.get().uri("/api/v1/feedback/samples?since=yesterday")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_TOKEN).exchange();
        assertThat(bad).hasStatus(400);
        assertThat(body(bad).get("parameter").asString()).isEqualTo("since");
    }

    private void routed(String modelId, String modelName) {
        UsageEventBuilder event = usage().requestId(requestId).route(StubRegistry.ADAPTIVE, "complexity")
                .model(modelId, modelName).traceId("trace-" + suffix);
        publish(0, event.build());
    }

    private JsonNode awaitSample(String tier) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(DELIVERY).until(() -> {
            for (JsonNode sample : getJson("/api/v1/feedback/samples?tier=" + tier + "&limit=1000").get("items")) {
                if (sample.get("requestId").asString().equals(requestId)) {
                    found[0] = sample;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    private double premiumCount() {
        for (JsonNode group : getJson("/api/v1/feedback/quality?hours=2").get("groups")) {
            if (group.get("group").asString().equals("premium")) {
                return group.get("count").asDouble();
            }
        }
        return 0;
    }

    private MvcTestResult post(String body) {
        return mvc.post().uri("/api/v1/feedback").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_TOKEN).content(body).exchange();
    }
}
