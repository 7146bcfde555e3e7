package io.signalbox.cost.budget;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import io.signalbox.cost.CostIntegrationTestSupport;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/**
 * Budgets against the whole service. Every test names its own scope ({@link #unique}), so the budgets of one test
 * never count another's events, and uses a time zone in which it is now mid-day ({@link #midDayZone}), so that no
 * test straddles the end of a day or month.
 */
public abstract class BudgetIntegrationTestSupport extends CostIntegrationTestSupport {

    protected static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** An {@code Etc/GMT±N} zone in which it is between 11:00 and 13:00 now: ten hours from any period boundary. */
    protected static String midDayZone() {
        int offset = 12 - Instant.now().atOffset(ZoneOffset.UTC).getHour();
        return offset == 0 ? "Etc/GMT" : offset > 0 ? "Etc/GMT-" + offset : "Etc/GMT+" + (-offset);
    }

    /** A monthly USD budget for a team in a mid-day zone; {@code extra} adds JSON members, e.g. {@code "x": 1,}. */
    protected static String teamBudget(String team, String amount, String extra) {
        return """
                {%s "name": "%s monthly", "scope": "team", "scopeId": "%s", "period": "monthly",
                 "timeZone": "%s", "currency": "USD", "amount": "%s"}""".formatted(extra, team, team, midDayZone(),
                amount);
    }

    protected MvcTestResult post(String uri, String json) {
        return mvc.post().uri(uri).header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_TOKEN)
                .contentType(MediaType.APPLICATION_JSON).content(json).exchange();
    }

    protected JsonNode createBudget(String json) {
        return body(post("/api/v1/budgets", json), 201);
    }

    protected JsonNode getJson(String uri) {
        return body(mvc.get().uri(uri).header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_TOKEN).exchange(), 200);
    }

    protected static JsonNode body(MvcTestResult result, int expectedStatus) {
        String body = new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
        if (result.getResponse().getStatus() != expectedStatus) {
            throw new AssertionError("Expected " + expectedStatus + " but got " + result.getResponse().getStatus()
                    + ": " + body);
        }
        return JSON.readTree(body);
    }

    /** Waits until the budget's current period shows {@code spent}. */
    protected void awaitSpent(String budgetId, String spent) {
        await().atMost(DELIVERY).until(() -> new BigDecimal(getJson("/api/v1/budgets/" + budgetId).get("current")
                .get("spent").asString()).compareTo(new BigDecimal(spent)) == 0);
    }
}
