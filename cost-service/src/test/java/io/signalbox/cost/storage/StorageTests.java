package io.signalbox.cost.storage;

import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.signalbox.contracts.usage.UsageRecorded;
import io.signalbox.cost.CostIntegrationTestSupport;
import io.signalbox.cost.lineitem.LineItemPartitions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import static io.signalbox.cost.UsageEventBuilder.usage;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Line items live in monthly partitions that exist before they are needed; retention drops whole months and
 * leaves rollups alone. Retention here only ever drops months before 2002, which only this class uses.
 */
class StorageTests extends CostIntegrationTestSupport {

    @Autowired
    LineItemPartitions partitions;

    @Autowired
    StorageMaintenance maintenance;

    @Test
    void partitionsForThisMonthAndTheNextThreeExistFromStartUp() {
        YearMonth now = YearMonth.now(ZoneOffset.UTC);

        assertThat(partitions.months()).contains(now, now.plusMonths(1), now.plusMonths(2), now.plusMonths(3));
        assertThat(jdbc.sql("select relkind::text from pg_class where relname = 'line_items'").query(String.class).single())
                .as("line_items is a partitioned table").isEqualTo("p");
    }

    @Test
    void anEventFromAMonthWithoutPartitionGetsOneAndIsStored() {
        UsageRecorded old = usage().team("team-storage-old").at("2001-03-15T12:00:00Z").build();
        UsageRecorded farFuture = usage().team("team-storage-old").at("2031-07-01T00:00:00Z").build();

        publish(old);
        publish(farFuture);
        awaitStored(old, farFuture);

        assertThat(partitions.months()).contains(YearMonth.of(2001, 3), YearMonth.of(2031, 7));
        assertThat(jdbc.sql("select tableoid::regclass::text from line_items where event_id = :id")
                .param("id", old.eventId()).query(String.class).single()).isEqualTo("line_items_y2001m03");
    }

    @Test
    void redeliveryIsIgnoredWithTheKeyThatIncludesTheTimeOfTheRequest() {
        UsageRecorded event = usage().team("team-storage-key").at("2001-05-31T23:59:59.999999Z").build();

        publish(0, event);
        publish(0, event);
        UsageRecorded after = usage().team("team-storage-key").at("2001-06-01T00:00:00Z").build();
        publish(0, after);
        awaitStored(event, after);

        assertThat(jdbc.sql("select count(*) from line_items where event_id = :id").param("id", event.eventId())
                .query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select sum(requests) from cost_rollups_daily where team_id = 'team-storage-key'")
                .query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void retentionDropsWholeOldMonthsAndKeepsTheirRollups() {
        UsageRecorded dropped = usage().team("team-retention").at("2001-01-10T10:00:00Z").build();
        UsageRecorded kept = usage().team("team-retention").at("2001-02-10T10:00:00Z").build();
        publish(dropped);
        publish(kept);
        awaitStored(dropped, kept);

        // keep 2001-02 and later: what a 12-month retention would do in January 2002
        List<YearMonth> gone = partitions.dropBefore(YearMonth.of(2001, 2));

        assertThat(gone).contains(YearMonth.of(2001, 1)).allMatch(month -> month.isBefore(YearMonth.of(2001, 2)));
        assertThat(partitions.months()).doesNotContain(YearMonth.of(2001, 1)).contains(YearMonth.of(2001, 2));
        assertThat(storedCount(List.of(dropped.eventId(), kept.eventId()))).isEqualTo(1);
        Map<String, Object> rollup = jdbc.sql("select sum(requests) as requests from cost_rollups_daily "
                + "where team_id = 'team-retention'").query().singleRow();
        assertThat(rollup.get("requests")).as("rollups outlive the line items").hasToString("2");
        JsonNode report = jsonAs(ADMIN_TOKEN, "/api/v1/reports/costs", "from", "2001-01-01", "to", "2001-03-01",
                "team", "team-retention");
        assertThat(report.get("totals").get(0).get("requests").asLong())
                .as("reports over a dropped month still answer from rollups").isEqualTo(2);
    }

    @Test
    void rollupRetentionDeletesOnlyRowsBeforeTheFirstKeptMonth() {
        UsageRecorded old = usage().team("team-rollup-retention").at("2000-11-10T10:00:00Z").build();
        UsageRecorded newer = usage().team("team-rollup-retention").at("2000-12-10T10:00:00Z").build();
        publish(old);
        publish(newer);
        awaitStored(old, newer);

        maintenance.deleteRollupsBefore(YearMonth.of(2000, 12));

        assertThat(jdbc.sql("select bucket_start from cost_rollups_daily where team_id = 'team-rollup-retention'")
                .query(OffsetDateTime.class).list())
                .extracting(bucket -> bucket.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate().toString())
                .containsExactly("2000-12-10");
    }
}
