package io.signalbox.cost.budget;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.signalbox.cost.UsageEventBuilder.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Alerts reach a real HTTP server: retried after a 500, given up after a refusal, every attempt recorded. */
class AlertWebhookTests extends BudgetIntegrationTestSupport {

    private HttpServer server;

    private final List<Delivery> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/flaky", exchange -> {
            boolean first = received.stream().noneMatch(delivery -> delivery.path().equals("/flaky"));
            answer(exchange, first ? 500 : 204);
        });
        server.createContext("/gone", exchange -> answer(exchange, 410));
        server.start();
    }

    @AfterEach
    void stopReceiver() {
        server.stop(0);
    }

    @Test
    void anAlertIsRetriedAfterA500AndDeliveredOnceAccepted() {
        String team = unique("team-webhook");
        String id = createBudget(teamBudget(team, "1",
                "\"alertThresholds\": [50], \"enforceHardLimit\": false, \"webhookUrl\": \"" + url("/flaky") + "\","))
                .get("id").asString();

        publish(usage().team(team).tokens(300_000, 0, 0).at(Instant.now()).build()); // 0.75: crosses 50 %

        JsonNode alert = awaitDelivery(id, "delivered");
        assertThat(alert.get("kind").asString()).isEqualTo("threshold");
        assertThat(alert.get("delivery").get("attempts")).extracting(attempt -> attempt.get("attempt").asInt() + " "
                        + attempt.get("statusCode").asInt() + " " + attempt.get("outcome").asString())
                .containsExactly("1 500 retry", "2 204 delivered");
        assertThat(alert.get("delivery").get("deliveredAt").isNull()).isFalse();

        assertThat(received).hasSize(2).allSatisfy(delivery -> {
            assertThat(delivery.alertId()).isEqualTo(alert.get("id").asString());
            assertThat(delivery.contentType()).startsWith("application/json");
        });
        JsonNode payload = JSON.readTree(received.get(1).body());
        assertThat(payload.get("type").asString()).isEqualTo("budget.threshold");
        assertThat(payload.get("alertId").asString()).isEqualTo(alert.get("id").asString());
        assertThat(payload.get("budgetId").asString()).isEqualTo(id);
        assertThat(payload.get("scope").asString()).isEqualTo("team");
        assertThat(payload.get("scopeId").asString()).isEqualTo(team);
        assertThat(payload.get("thresholdPercent").asInt()).isEqualTo(50);
        assertThat(payload.get("thresholdAmount").asString()).isEqualTo("0.500000");
        assertThat(payload.get("spent").asString()).isEqualTo("0.750000");
        assertThat(payload.get("amount").asString()).isEqualTo("1.000000");
        assertThat(payload.get("currency").asString()).isEqualTo("USD");
        assertThat(payload.get("period").asString()).isEqualTo(alert.get("period").asString());
    }

    @Test
    void aReceiverThatRefusesTheAlertIsNotAskedAgain() {
        String team = unique("team-refused");
        String id = createBudget(teamBudget(team, "1",
                "\"alertThresholds\": [], \"webhookUrl\": \"" + url("/gone") + "\",")).get("id").asString();

        publish(usage().team(team).tokens(400_000, 0, 0).at(Instant.now()).build()); // 1.00: the hard limit

        JsonNode alert = awaitDelivery(id, "failed");
        assertThat(alert.get("kind").asString()).isEqualTo("hard-limit");
        assertThat(alert.get("delivery").get("attempts")).extracting(attempt -> attempt.get("statusCode").asInt()
                + " " + attempt.get("outcome").asString() + " " + attempt.get("error").asString())
                .containsExactly("410 failed HTTP 410");
        assertThat(received).extracting(Delivery::path).containsExactly("/gone");
    }

    private JsonNode awaitDelivery(String budgetId, String state) {
        await().atMost(DELIVERY).until(() -> {
            JsonNode items = getJson("/api/v1/budgets/" + budgetId + "/alerts").get("items");
            return items.size() == 1 && items.get(0).get("delivery").get("state").asString().equals(state);
        });
        return getJson("/api/v1/budgets/" + budgetId + "/alerts").get("items").get(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private void answer(HttpExchange exchange, int status) throws IOException {
        try (InputStream body = exchange.getRequestBody()) {
            received.add(new Delivery(exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("X-Signalbox-Alert-Id"),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    new String(body.readAllBytes(), StandardCharsets.UTF_8)));
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private record Delivery(String path, String alertId, String contentType, String body) {
    }
}
