package io.signalbox.gateway.routing;

import java.nio.charset.StandardCharsets;

import io.signalbox.gateway.openai.OpenAiException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import static org.assertj.core.api.Assertions.assertThat;

class RoutingClientTests {

    @ParameterizedTest(name = "{0} {1} -> {2} {3}")
    @CsvSource(nullValues = "null", value = {
            "404, unknown-model,       404, model_not_found",
            "404, no-available-target, 404, model_not_available",
            "503, no-active-endpoint,  503, no_available_target",
            "503, catalog-unavailable, 503, routing_unavailable",
            "400, invalid-request,     400, unroutable_request",
            "501, unsupported-policy,  500, unsupported_policy",
            "422, constraints-unsatisfied, 400, no_model_satisfies_request",
            "429, shed,                429, load_shed",
            "429, budget-exceeded,     429, budget_exceeded",
            "403, model-not-allowed,   403, model_not_allowed",
            "500, null,                503, routing_unavailable",
    })
    void translatesRoutingProblemsIntoErrorsAnOpenAiClientUnderstands(int status, String type, int expectedStatus,
            String expectedCode) {
        String body = type == null ? "<html>oops</html>"
                : "{\"type\":\"https://signalbox.io/problems/" + type + "\",\"status\":" + status
                        + ",\"detail\":\"routing says why\"}";
        WebClientResponseException failure = WebClientResponseException.create(status, "x", HttpHeaders.EMPTY,
                body.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);

        OpenAiException error = RoutingClient.translate(failure, "some-model");

        assertThat(error.status().value()).isEqualTo(expectedStatus);
        assertThat(error.code()).isEqualTo(expectedCode);
        if ("budget-exceeded".equals(type)) {
            assertThat(error.type()).as("the type OpenAI uses for an exhausted quota").isEqualTo("insufficient_quota");
            assertThat(error.retryable()).as("an SDK must not retry until the period ends").isFalse();
        }
        else {
            assertThat(error.retryable()).isTrue();
        }
        if (type != null && !"unknown-model".equals(type) && !"catalog-unavailable".equals(type)) {
            assertThat(error.getMessage()).as("routing's explanation reaches the client").isEqualTo("routing says why");
        }
    }
}
