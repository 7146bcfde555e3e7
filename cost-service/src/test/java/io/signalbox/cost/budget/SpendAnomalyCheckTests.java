package io.signalbox.cost.budget;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import io.signalbox.contracts.usage.UsageRecorded;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import static io.signalbox.cost.UsageEventBuilder.usage;
import static org.assertj.core.api.Assertions.assertThat;

/** The scheduled check, run by hand: a day far above the last 14 raises one alert for the scope and the day. */
class SpendAnomalyCheckTests extends BudgetIntegrationTestSupport {

    @Autowired
    SpendAnomalyCheck check;

    @Test
    void aDayFarAboveTheTrailingFortnightRaisesOneAnomalyAlert() {
        String team = unique("team-anomaly");
        String zone = midDayZone();
        String id = createBudget(teamBudget(team, "100000", "")).get("id").asString();
        Instant now = Instant.now();
        List<UsageRecorded> events = new ArrayList<>();
        for (int daysAgo = 1; daysAgo <= 14; daysAgo++) {
            events.add(usage().team(team).tokens(1_600_000, 0, 0).at(now.minus(Duration.ofDays(daysAgo))).build());
        }
        events.add(usage().team(team).tokens(16_000_000, 0, 0).at(now.minusSeconds(60)).build()); // 40 today
        events.forEach(event -> publish(event));
        awaitStored(events);

        check.check();
        check.check();

        JsonNode alerts = getJson("/api/v1/budgets/" + id + "/alerts").get("items");
        assertThat(alerts).hasSize(1);
        JsonNode anomaly = alerts.get(0);
        assertThat(anomaly.get("kind").asString()).isEqualTo("anomaly");
        assertThat(anomaly.get("period").asString()).isEqualTo(LocalDate.ofInstant(now, ZoneId.of(zone)).toString());
        assertThat(anomaly.get("spent").asString()).isEqualTo("40.000000");
        assertThat(anomaly.get("baselineMean").asString()).isEqualTo("4.000000");
        assertThat(anomaly.get("baselineStddev").asString()).isEqualTo("0.000000");
        assertThat(anomaly.get("thresholdAmount").asString()).as("50 % above the mean").isEqualTo("6.000000");
    }

    @Test
    void aDayLikeTheOthersRaisesNothing() {
        String team = unique("team-steady");
        String id = createBudget(teamBudget(team, "100000", "")).get("id").asString();
        Instant now = Instant.now();
        List<UsageRecorded> events = new ArrayList<>();
        for (int daysAgo = 0; daysAgo <= 14; daysAgo++) {
            events.add(usage().team(team).tokens(4_000_000 + daysAgo * 10_000, 0, 0)
                    .at(now.minus(Duration.ofDays(daysAgo)).minusSeconds(60)).build());
        }
        events.forEach(event -> publish(event));
        awaitStored(events);

        check.check();

        assertThat(getJson("/api/v1/budgets/" + id + "/alerts").get("items")).isEmpty();
    }
}
