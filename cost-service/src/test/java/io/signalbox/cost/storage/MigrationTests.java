package io.signalbox.cost.storage;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Types;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.signalbox.infra.EmbeddedPostgresServer;
import io.signalbox.infra.SharedInfra;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database that already holds line items from before partitioning (V1) keeps every one of them, in the
 * right month partition, with rollups built from them. Runs the real migrations on a database of its own.
 */
class MigrationTests {

    @Test
    void lineItemsOfTheUnpartitionedTableMoveIntoMonthPartitionsAndRollups() {
        String url = SharedInfra.postgres().createDatabase("cost_migration_it");
        DriverManagerDataSource dataSource = new DriverManagerDataSource(url, EmbeddedPostgresServer.USER, "");
        JdbcClient jdbc = JdbcClient.create(dataSource);
        Flyway.configure().dataSource(dataSource).target("1").load().migrate();
        insertV1("00000000-0000-0000-0000-00000000a001", "2025-12-31 23:59:59.5+00", "team-a", "{\"project\": \"x\"}",
                "USD", "1.250000", false, jdbc);
        insertV1("00000000-0000-0000-0000-00000000a002", "2026-01-01 00:00:00+00", "team-a", "{}", "USD", "0.000001",
                false, jdbc);
        insertV1("00000000-0000-0000-0000-00000000a003", "2026-03-05 10:00:00+00", null, "{\"project\": \"y\"}", null,
                "0.000000", true, jdbc);

        Flyway.configure().dataSource(dataSource).load().migrate();

        List<Map<String, Object>> items = jdbc.sql("select event_id::text as id, tableoid::regclass::text as partition, "
                + "cost from line_items order by occurred_at").query().listOfRows();
        assertThat(items).extracting(row -> row.get("id") + " " + row.get("partition")).containsExactly(
                "00000000-0000-0000-0000-00000000a001 line_items_y2025m12",
                "00000000-0000-0000-0000-00000000a002 line_items_y2026m01",
                "00000000-0000-0000-0000-00000000a003 line_items_y2026m03");
        assertThat(jdbc.sql("select to_regclass('line_items_v1') is null").query(Boolean.class).single()).isTrue();
        assertThat(jdbc.sql("select to_regclass('line_items_y2026m02') is not null").query(Boolean.class).single())
                .as("months between are covered too").isTrue();
        assertThat(jdbc.sql("select sum(cost) from cost_rollups_daily").query(BigDecimal.class).single())
                .isEqualByComparingTo("1.250001");
        assertThat(jdbc.sql("select sum(requests) from cost_rollups_hourly").query(Long.class).single()).isEqualTo(3);
        assertThat(jdbc.sql("select tag_value || '=' || requests from cost_tag_rollups_daily order by tag_value")
                .query(String.class).list()).containsExactly("x=1", "y=1");
        assertThat(jdbc.sql("""
                select string_agg(a.attname, ',' order by k.ord) from pg_constraint c
                  cross join lateral unnest(c.conkey) with ordinality k(attnum, ord)
                  join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum
                 where c.conrelid = 'line_items'::regclass and c.contype = 'p'""").query(String.class).single())
                .isEqualTo("event_id,occurred_at");
    }

    /**
     * Migrations are numbered by area (V20+ budgets), so V6 came after V20 was applied to existing databases. With
     * the service's Flyway settings such a database gets V6 instead of failing validation at startup.
     */
    @Test
    void aDatabaseThatHasTheBudgetsMigrationStillGetsTheLaterLineItemAdjustmentColumns(@TempDir Path before)
            throws IOException {
        for (Resource migration : new PathMatchingResourcePatternResolver().getResources("classpath:db/migration/*.sql")) {
            String name = Objects.requireNonNull(migration.getFilename());
            if (!name.startsWith("V6__")) {
                try (InputStream in = migration.getInputStream()) {
                    Files.copy(in, before.resolve(name));
                }
            }
        }
        String url = SharedInfra.postgres().createDatabase("cost_migration_order_it");
        DriverManagerDataSource dataSource = new DriverManagerDataSource(url, EmbeddedPostgresServer.USER, "");
        Flyway.configure().dataSource(dataSource).locations("filesystem:" + before).load().migrate();
        YamlPropertiesFactoryBean settings = new YamlPropertiesFactoryBean();
        settings.setResources(new ClassPathResource("application.yml"));
        boolean outOfOrder = Boolean.parseBoolean(Objects.requireNonNull(settings.getObject())
                .getProperty("spring.flyway.out-of-order"));

        Flyway.configure().dataSource(dataSource).outOfOrder(outOfOrder).load().migrate();

        assertThat(JdbcClient.create(dataSource).sql("""
                select column_name from information_schema.columns
                 where table_name = 'line_items' and column_name like 'adjustment%' order by 1""")
                .query(String.class).list()).containsExactly("adjustment_percent", "adjustment_rule_id");
    }

    private static void insertV1(String eventId, String occurredAt, @Nullable String team, String tags, @Nullable String currency,
            String cost, boolean unpriced, JdbcClient jdbc) {
        jdbc.sql("""
                insert into line_items (event_id, request_id, occurred_at, completed_at, tenant_id, team_id, key_id, tags,
                    operation, requested_model, model_id, model_name, http_status, succeeded, interrupted, prompt_tokens,
                    completion_tokens, tokens_estimated, unpriced, price_id, currency, cost)
                values (cast(:id as uuid), 'req', cast(:at as timestamptz), cast(:at as timestamptz), 'tenant-a', :team,
                    'key-1', cast(:tags as jsonb), 'chat.completions', 'auto', 'model-gpt', 'gpt-test', 200, true, false,
                    1000, 100, false, :unpriced, :priceId, :currency, cast(:cost as numeric))""")
                .param("id", eventId)
                .param("at", occurredAt)
                .param("team", team, Types.VARCHAR)
                .param("tags", tags)
                .param("unpriced", unpriced)
                .param("priceId", unpriced ? null : "price-gpt", Types.VARCHAR)
                .param("currency", currency, Types.VARCHAR)
                .param("cost", cost)
                .update();
    }
}
