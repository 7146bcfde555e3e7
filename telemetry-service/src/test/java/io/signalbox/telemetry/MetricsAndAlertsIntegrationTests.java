package io.signalbox.telemetry;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.signalbox.contracts.Topics;
import io.signalbox.contracts.budget.BudgetStatus;
import io.signalbox.contracts.json.ContractJson;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.signalbox.telemetry.UsageEventBuilder.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Signalbox gauges and counters on {@code /actuator/prometheus} (windows, teams, decisions, budget burn), and
 * alerts reaching the configured webhook.
 */
class MetricsAndAlertsIntegrationTests extends TelemetryIntegrationTestSupport {

    private final String endpointId = "ep-" + suffix;

    private final String teamId = "team-" + suffix;

    @Test
    void windowGaugesShowRatesAndExactPercentilesPerEndpoint() {
        for (int i = 0; i < 5; i++) {
            publish(i % 3, usage().endpoint("pool-1", endpointId).latency(200).streamed(30).build());
        }

        Map<String, String> series = Map.of("dimension", "endpoints", "key", endpointId, "window", "1m");
        await().atMost(DELIVERY).untilAsserted(() -> assertThat(
                scrapeSum("signalbox_window_requests_per_second", series)).isPositive());
        assertThat(scrapeSum("signalbox_window_latency_seconds", with(series, "quantile", "0.95"))).isEqualTo(0.2);
        assertThat(scrapeSum("signalbox_window_ttft_seconds", with(series, "quantile", "0.5"))).isEqualTo(0.03);
        assertThat(scrapeSum("signalbox_window_error_ratio", series)).isZero();
    }

    @Test
    void tokensAndExactCostAreCountedPerTeamAndDecisionsPerRoutePolicyAndTier() {
        publish(0, usage().tenant("tenant-" + suffix, teamId).route(StubRegistry.ADAPTIVE, "complexity")
                .model(StubRegistry.LARGE, "large-" + suffix).tokens(1_000, 200).cost("0.000123").build());
        publish(1, usage().tenant("tenant-" + suffix, teamId).requestId("req-" + suffix).mirrorOf("req-x")
                .tokens(10, 5).cost("0.000002").build());

        Map<String, String> team = Map.of("team", teamId, "traffic", "client");
        await().atMost(DELIVERY).untilAsserted(() -> assertThat(
                scrapeSum("signalbox_team_tokens_total", with(team, "type", "prompt"))).isEqualTo(1_000));
        assertThat(scrapeSum("signalbox_team_cost_micros_total", with(team, "currency", "USD"))).isEqualTo(123);
        await().atMost(DELIVERY).untilAsserted(() -> assertThat(scrapeSum("signalbox_team_tokens_total",
                Map.of("team", teamId, "traffic", "shadow", "type", "completion"))).isEqualTo(5));
        assertThat(scrapeSum("signalbox_routing_decisions_total", Map.of("route", StubRegistry.ADAPTIVE, "policy",
                "complexity", "tier", "premium", "model", "large-" + suffix))).isEqualTo(1);
    }

    @Test
    void anEndpointFailingOverTheAlertThresholdIsNotifiedToTheWebhookAndListedAsFiring() {
        for (int i = 0; i < 25; i++) {
            publish(i % 3, usage().endpoint("pool-1", endpointId).failed(503, "upstream_503").build());
        }

        await().atMost(DELIVERY).until(() -> WEBHOOK.delivered().stream().anyMatch(this::aboutThisEndpoint));
        JsonNode notice = WEBHOOK.delivered().stream().filter(this::aboutThisEndpoint).findFirst().orElseThrow();
        assertThat(notice.get("type").asString()).isEqualTo("signalbox.alert.firing");
        assertThat(notice.get("kind").asString()).isEqualTo("error-rate");
        JsonNode alerts = getJson("/api/v1/telemetry/alerts");
        assertThat(alerts.get("firing").findValuesAsString("alertId")).contains(notice.get("alertId").asString());
        assertThat(alerts.get("notices").findValuesAsString("state")).contains("delivered");
    }

    @Test
    void budgetStatusesFromCostServiceAreGaugedForBudgetBurn() {
        BudgetStatus status = new BudgetStatus("budget-" + suffix, "team", teamId, "2026-11", Instant.now()
                .minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(1)), "USD", new BigDecimal("450"),
                new BigDecimal("400"), new BigDecimal("500"), BudgetStatus.SOFT, Instant.now());

        publishRaw(Topics.BUDGET_STATUS, 0, status.key(), ContractJson.toJson(status));

        Map<String, String> budget = Map.of("budget_id", "budget-" + suffix, "scope_id", teamId);
        await().atMost(DELIVERY).untilAsserted(() -> assertThat(scrapeSum("signalbox_budget_used_ratio", budget))
                .isEqualTo(0.9));
        assertThat(scrapeSum("signalbox_budget_state", budget)).isEqualTo(1);
        publishRaw(Topics.BUDGET_STATUS, 0, status.key(), null);
        await().atMost(DELIVERY).untilAsserted(() -> assertThat(scrape()).doesNotContain("budget-" + suffix));
    }

    private boolean aboutThisEndpoint(JsonNode notice) {
        return notice.get("subject").get("kind").asString().equals("endpoint")
                && notice.get("subject").get("id").asString().equals(endpointId);
    }
}
