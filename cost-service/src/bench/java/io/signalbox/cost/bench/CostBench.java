package io.signalbox.cost.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;

import javax.sql.DataSource;

import io.signalbox.contracts.Topics;
import io.signalbox.contracts.catalog.PriceSnapshot;
import io.signalbox.contracts.json.ContractJson;
import io.signalbox.contracts.usage.Attempt;
import io.signalbox.contracts.usage.TokenUsage;
import io.signalbox.contracts.usage.UsageRecorded;
import io.signalbox.cost.CostServiceApplication;
import io.signalbox.infra.EmbeddedKafkaServer;
import io.signalbox.infra.SignalboxTopics;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The cost-service benchmark (docs/benchmarks.md, "Cost service"). Starts a real PostgreSQL (fsync on, data in
 * {@code target/bench-postgres}) and a real Kafka broker, then the whole cost-service, and measures:
 * <ol>
 * <li>{@code ingest}: usage events per second from {@code signalbox.usage.v1} into line items and rollups,
 * through the real batch listener; the events are produced before the service starts, so the service reads
 * a backlog as fast as it can (a few unreadable messages among them go to the dead-letter topic);</li>
 * <li>{@code report}: latency of report requests over HTTP against ten million line items of one month
 * (generated with {@code generate_series} straight into the tables, rollups built from them).</li>
 * </ol>
 * Arguments: {@code ingest}, {@code report} or {@code all}, then optional {@code events=N}, {@code rows=N},
 * {@code concurrency=N}, {@code maxPollRecords=N}.
 */
public final class CostBench {

    private static final Logger log = LoggerFactory.getLogger(CostBench.class);

    private static final String ADMIN_TOKEN = "bench-admin-token-0123456789";

    private static final Instant INGEST_MONTH = Instant.parse("2026-11-01T00:00:00Z");

    private static final int MODELS = 20;

    private static final int KEYS = 1000;

    private static final int TEAMS = 50;

    private CostBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>(Map.of("events", "200000", "rows", "10000000", "concurrency", "3",
                "maxPollRecords", "500"));
        String mode = args.length == 0 ? "all" : args[0];
        for (String arg : Arrays.copyOfRange(args, Math.min(1, args.length), args.length)) {
            String[] pair = arg.split("=", 2);
            options.put(pair[0], pair[1]);
        }
        log.info("Load before: {}", loadAverage());
        Path data = Path.of("target", "bench-postgres");
        deleteRecursively(data);
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(true)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("fsync", "on")
                .setServerConfig("shared_buffers", "512MB")
                .setServerConfig("work_mem", "64MB")
                .setServerConfig("maintenance_work_mem", "512MB")
                .setServerConfig("max_wal_size", "8GB")
                .setServerConfig("max_connections", "100")
                .start();
                EmbeddedKafkaServer kafka = EmbeddedKafkaServer.start(SignalboxTopics.all())) {
            try (Connection connection = postgres.getPostgresDatabase().getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("create database cost");
            }
            DataSource database = postgres.getDatabase("postgres", "cost");
            List<String> results = new ArrayList<>();
            int events = Integer.parseInt(options.get("events"));
            Expected expected = null;
            if (!mode.equals("report")) {
                expected = produce(kafka.bootstrapServers(), events);
            }
            long started = System.nanoTime();
            try (ConfigurableApplicationContext app = startService(postgres.getPort(), kafka.bootstrapServers(), options)) {
                log.info("cost-service started in {} ms", (System.nanoTime() - started) / 1_000_000);
                JdbcClient jdbc = JdbcClient.create(database);
                if (expected != null) {
                    results.add(measureIngest(jdbc, expected, options));
                }
                if (!mode.equals("ingest")) {
                    int port = ((WebServerApplicationContext) app).getWebServer().getPort();
                    results.addAll(measureReports(jdbc, port, Integer.parseInt(options.get("rows"))));
                }
            }
            log.info("Load after: {}", loadAverage());
            System.out.println();
            System.out.println("| measurement | result |");
            System.out.println("|---|---|");
            results.forEach(System.out::println);
        }
    }

    private static ConfigurableApplicationContext startService(int postgresPort, String kafka, Map<String, String> options) {
        Map<String, String> properties = new HashMap<>();
        properties.put("spring.datasource.url", "jdbc:postgresql://127.0.0.1:" + postgresPort + "/cost");
        properties.put("spring.datasource.username", "postgres");
        properties.put("spring.datasource.password", "");
        properties.put("spring.kafka.bootstrap-servers", kafka);
        properties.put("spring.kafka.consumer.group-id", "cost-bench");
        properties.put("spring.kafka.consumer.max-poll-records", options.get("maxPollRecords"));
        properties.put("signalbox.cost.ingest.concurrency", options.get("concurrency"));
        properties.put("signalbox.security.admin-token", ADMIN_TOKEN);
        properties.put("signalbox.security.internal-token", "bench-internal-token-0123456789");
        properties.put("server.port", "0");
        properties.put("server.address", "127.0.0.1");
        properties.put("logging.config", "classpath:bench-logback.xml");
        properties.put("management.tracing.sampling.probability", "0");
        properties.put("spring.main.banner-mode", "off");
        // command-line arguments outrank application.yml (default properties would not)
        String[] arguments = properties.entrySet().stream().map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(CostServiceApplication.class).run(arguments);
    }

    // ---------------------------------------------------------------- ingest

    /** What the produced events must add up to once stored. */
    private record Expected(int goodEvents, int poisonMessages, BigDecimal cost, Duration producing) {
    }

    private static Expected produce(String bootstrapServers, int events) {
        Random random = new Random(20261121);
        List<PriceSnapshot> prices = new ArrayList<>();
        for (int m = 0; m < MODELS; m++) {
            BigDecimal input = new BigDecimal("0.10").add(new BigDecimal("0.25").multiply(BigDecimal.valueOf(m)));
            prices.add(new PriceSnapshot("price-" + m, "model-" + m, "USD", input, input.multiply(BigDecimal.valueOf(4)),
                    input.divide(BigDecimal.valueOf(2)), Instant.parse("2026-01-01T00:00:00Z"),
                    m % 5 == 0 ? input.multiply(BigDecimal.valueOf(6)) : null));
        }
        BigDecimal cost = BigDecimal.ZERO;
        int poison = 0;
        long started = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < events; i++) {
                if (i % 20_000 == 19_999) {
                    producer.send(new ProducerRecord<>(Topics.USAGE, "poison-" + i, "{\"not\": \"a usage event\"}"));
                    poison++;
                }
                UsageRecorded event = event(i, events, random, prices);
                cost = cost.add(event.price() == null ? BigDecimal.ZERO : event.price().costOf(event.usage()));
                producer.send(new ProducerRecord<>(Topics.USAGE, event.requestId(), ContractJson.toJson(event)));
            }
            producer.flush();
        }
        Duration producing = Duration.ofNanos(System.nanoTime() - started);
        log.info("Produced {} usage events (+{} unreadable) in {} ms", events, poison, producing.toMillis());
        return new Expected(events, poison, cost, producing);
    }

    private static UsageRecorded event(int i, int events, Random random, List<PriceSnapshot> prices) {
        int key = random.nextInt(KEYS);
        int team = key % TEAMS;
        int model = (key * 7 + random.nextInt(3)) % MODELS;
        PriceSnapshot price = random.nextInt(200) == 0 ? null : prices.get(model);
        int prompt = 50 + random.nextInt(4000);
        int completion = random.nextInt(1000);
        Integer cached = random.nextInt(4) == 0 ? random.nextInt(prompt) : null;
        Integer reasoning = model % 5 == 0 ? random.nextInt(completion + 1) : null;
        TokenUsage usage = random.nextInt(50) == 0 ? new TokenUsage(prompt, null, null, null, true)
                : new TokenUsage(prompt, completion, cached, reasoning, false);
        Instant startedAt = INGEST_MONTH.plusMillis((long) i * (29L * 86_400_000L / events));
        String requestId = "req-" + UUID.randomUUID();
        Map<String, String> tags = random.nextInt(3) == 0 ? Map.of("project", "p" + key % 30, "env", "prod")
                : Map.of("project", "p" + key % 30);
        return new UsageRecorded(UsageRecorded.SCHEMA_VERSION, UUID.randomUUID(), requestId, "dec-" + i,
                "4bf92f3577b34da6a3ce929d0e0e4736", "tenant-" + team % 5, "team-" + team, "key-" + key, tags,
                "chat.completions", "route-" + key % 8, "route-" + key % 8, "cost-aware", "model-" + model,
                "model-name-" + model, "provider-" + model % 4, "pool-" + model % 4, "endpoint-" + model, false, 200, null,
                false, List.of(new Attempt(1, "endpoint-" + model, null, "success", 200, 420)), usage, 180L, 430L, price,
                price == null ? null : price.costOf(usage), startedAt, startedAt.plusMillis(430));
    }

    /** How long the ingest measurement waits for every event to be stored before it reports a stall. */
    private static final Duration INGEST_GIVE_UP = Duration.ofMinutes(15);

    private static void giveUpAfter(long deadline, long stored, long expected) {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("Ingest stalled: " + stored + " of " + expected + " events stored after "
                    + INGEST_GIVE_UP);
        }
    }

    private static String measureIngest(JdbcClient jdbc, Expected expected, Map<String, String> options)
            throws InterruptedException {
        String countSql = "select coalesce(sum(requests), 0) from cost_rollups_daily "
                + "where bucket_start >= '2026-11-01T00:00:00Z' and bucket_start < '2026-12-01T00:00:00Z'";
        // polled, not awaited: the first poll that sees a row is the start of the measurement; a bench that
        // stalls stops by itself rather than hanging
        long deadline = System.nanoTime() + INGEST_GIVE_UP.toNanos();
        long first;
        while ((first = jdbc.sql(countSql).query(Long.class).single()) == 0) {
            giveUpAfter(deadline, 0, expected.goodEvents());
            Thread.sleep(20);
        }
        long startNanos = System.nanoTime();
        long stored = first;
        while (stored < expected.goodEvents()) {
            giveUpAfter(deadline, stored, expected.goodEvents());
            Thread.sleep(250);
            stored = jdbc.sql(countSql).query(Long.class).single();
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        double rate = (expected.goodEvents() - first) / seconds;
        long lineItems = jdbc.sql("select count(*) from line_items where occurred_at >= '2026-11-01T00:00:00Z' "
                + "and occurred_at < '2026-12-01T00:00:00Z'").query(Long.class).single();
        BigDecimal cost = jdbc.sql("select sum(cost) from line_items where occurred_at >= '2026-11-01T00:00:00Z' "
                + "and occurred_at < '2026-12-01T00:00:00Z'").query(BigDecimal.class).single();
        BigDecimal rollupCost = jdbc.sql("select sum(cost) from cost_rollups_daily "
                + "where bucket_start >= '2026-11-01T00:00:00Z' and bucket_start < '2026-12-01T00:00:00Z'")
                .query(BigDecimal.class).single();
        boolean reconciled = lineItems == expected.goodEvents() && cost.compareTo(expected.cost()) == 0
                && rollupCost.compareTo(expected.cost()) == 0;
        log.info("Ingested {} events ({} before the clock started) in {} s: {} events/s; reconciled={}",
                expected.goodEvents(), first, String.format(Locale.ROOT, "%.1f", seconds),
                String.format(Locale.ROOT, "%.0f", rate), reconciled);
        return String.format(Locale.ROOT, "| ingest: %,d usage events (+%d unreadable, dead-lettered), backlog read by "
                + "%s consumer thread(s), max.poll.records %s | **%,.0f events/s** (%.1f s); line items %,d, "
                + "sum of costs = sum of costOf = rollups: %s |", expected.goodEvents(), expected.poisonMessages(),
                options.get("concurrency"), options.get("maxPollRecords"), rate, seconds, lineItems,
                reconciled ? "yes" : "NO");
    }

    // ---------------------------------------------------------------- reports

    private static List<String> measureReports(JdbcClient jdbc, int port, int rows) throws Exception {
        generate(jdbc, rows);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String base = "http://127.0.0.1:" + port;
        BigDecimal teamCost = jdbc.sql("select sum(cost) from line_items where team_id = 'team-17' "
                + "and occurred_at >= '2026-10-01T00:00:00Z' and occurred_at < '2026-11-01T00:00:00Z'")
                .query(BigDecimal.class).single();
        List<String> results = new ArrayList<>();
        results.add(latency(http, base + "/api/v1/reports/costs?from=2026-10-01&to=2026-11-01&team=team-17&groupBy=model",
                "monthly team report by model (daily rollups)", 10, 50, teamCost));
        results.add(latency(http, base + "/api/v1/reports/costs?from=2026-10-01&to=2026-11-01&team=team-17&groupBy=model,day",
                "monthly team report by model and day (daily rollups)", 10, 50, teamCost));
        results.add(latency(http, base + "/api/v1/reports/statements/team-17?month=2026-10",
                "monthly team statement, draft (daily rollups)", 10, 50, null));
        BigDecimal berlinCost = jdbc.sql("select sum(cost) from line_items where team_id = 'team-17' "
                + "and occurred_at >= '2026-09-30T22:00:00Z' and occurred_at < '2026-10-31T23:00:00Z'")
                .query(BigDecimal.class).single();
        results.add(latency(http, base + "/api/v1/reports/costs?from=2026-10-01&to=2026-11-01&team=team-17&groupBy=key,day"
                + "&timeZone=Europe/Berlin", "monthly team report by key and day, Europe/Berlin month (hourly rollups)", 5,
                20, berlinCost));
        results.add(latency(http, base + "/api/v1/reports/costs?from=2026-10-01&to=2026-11-01&team=team-17&groupBy=tag"
                + "&tagName=project", "monthly team report by tag (daily tag rollups)", 10, 50, teamCost));
        results.add(latency(http, base + "/api/v1/reports/costs?from=2026-10-01&to=2026-11-01&groupBy=team",
                "monthly report of all 50 teams (daily rollups)", 10, 50, null));
        results.add(latency(http, base + "/api/v1/reports/costs?from=2026-10-01&to=2026-11-01&team=team-17&groupBy=model"
                + "&source=line-items", "monthly team report by model, forced to line items (fallback)", 2, 10, teamCost));
        return results;
    }

    private static void generate(JdbcClient jdbc, int rows) {
        log.info("Generating {} line items for October 2026 ...", rows);
        jdbc.sql("select cost_line_item_partition(date '2026-10-01')").query(String.class).single();
        long started = System.nanoTime();
        int chunk = 1_000_000;
        for (int from = 1; from <= rows; from += chunk) {
            int to = Math.min(rows, from + chunk - 1);
            jdbc.sql(GENERATE).param("first", from).param("last", to).param("rows", rows).update();
            log.info("  {} rows after {} s", to, (System.nanoTime() - started) / 1_000_000_000);
        }
        long generated = System.nanoTime();
        for (String rollup : ROLLUPS) {
            jdbc.sql(rollup).update();
        }
        long rolledUp = System.nanoTime();
        jdbc.sql("vacuum analyze line_items").update();
        for (String table : List.of("cost_rollups_hourly", "cost_rollups_daily", "cost_tag_rollups_hourly",
                "cost_tag_rollups_daily")) {
            jdbc.sql("vacuum analyze " + table).update();
        }
        log.info("Generated {} line items in {} s, rollups in {} s, vacuum analyze in {} s; sizes: {}", rows,
                (generated - started) / 1_000_000_000, (rolledUp - generated) / 1_000_000_000,
                (System.nanoTime() - rolledUp) / 1_000_000_000, jdbc.sql("""
                        select string_agg(relname || ' ' || pg_size_pretty(pg_total_relation_size(oid)) || ' ('
                               || reltuples::bigint || ' rows)', ', ' order by relname)
                          from pg_class where relname in ('line_items_y2026m10', 'cost_rollups_hourly',
                               'cost_rollups_daily', 'cost_tag_rollups_hourly', 'cost_tag_rollups_daily')""")
                        .query(String.class).single());
    }

    /** Deterministic pseudo-random rows: keys belong to teams, each key uses three of the twenty models. */
    private static final String GENERATE = """
            insert into line_items (event_id, request_id, occurred_at, completed_at, tenant_id, team_id, key_id, tags,
                operation, requested_model, route_alias, policy, model_id, model_name, provider_id, http_status, succeeded,
                interrupted, prompt_tokens, completion_tokens, cached_prompt_tokens, tokens_estimated, unpriced, price_id,
                currency, input_per_million, output_per_million, cached_input_per_million, cost)
            select lpad(to_hex(i), 32, '0')::uuid, 'req-' || i, ts, ts + interval '430 milliseconds',
                   'tenant-' || (k % 50 % 5), 'team-' || (k % 50), 'key-' || k,
                   jsonb_build_object('project', 'p' || (k % 30)), 'chat.completions', 'route-' || (k % 8),
                   'route-' || (k % 8), 'cost-aware', 'model-' || m, 'model-name-' || m, 'provider-' || (m % 4),
                   200, true, false, p, c, cached, false, false, 'price-' || m, 'USD', rate, rate * 4, rate / 2,
                   round(((p - cached) * rate + cached * rate / 2 + c * rate * 4) / 1000000, 6)
              from (
                select i, ts, k, m, p, c, cached, (0.10 + m * 0.25)::numeric as rate
                  from (
                    select i,
                           timestamptz '2026-10-01 00:00:00+00' + make_interval(secs => (i - 1) * (2678400.0 / :rows)) as ts,
                           (hashint4(i) & 2147483647) % 1000 as k,
                           ((((hashint4(i) & 2147483647) % 1000) * 7 + (hashint4(i + 7) & 2147483647) % 3) % 20) as m,
                           50 + (hashint4(i + 11) & 2147483647) % 4000 as p,
                           (hashint4(i + 13) & 2147483647) % 1000 as c,
                           case when (hashint4(i + 17) & 3) = 0 then (hashint4(i + 19) & 2147483647) % 50 else 0 end
                               as cached
                      from generate_series(:first, :last) as g(i)) raw) priced
            """;

    private static final List<String> ROLLUPS = List.of("""
            insert into cost_rollups_hourly
            select date_trunc('hour', occurred_at, 'UTC'), tenant_id, team_id, key_id, model_id, model_name, provider_id,
                   route_alias, currency, count(*), coalesce(sum(prompt_tokens), 0), coalesce(sum(completion_tokens), 0),
                   coalesce(sum(cached_prompt_tokens), 0), coalesce(sum(reasoning_tokens), 0),
                   count(*) filter (where tokens_estimated), count(*) filter (where unpriced), sum(cost)
              from line_items where occurred_at >= '2026-10-01T00:00:00Z' and occurred_at < '2026-11-01T00:00:00Z'
             group by 1, 2, 3, 4, 5, 6, 7, 8, 9""", """
            insert into cost_rollups_daily
            select date_trunc('day', bucket_start, 'UTC'), tenant_id, team_id, key_id, model_id, model_name, provider_id,
                   route_alias, currency, sum(requests), sum(prompt_tokens), sum(completion_tokens),
                   sum(cached_prompt_tokens), sum(reasoning_tokens), sum(estimated_requests), sum(unpriced_requests),
                   sum(cost)
              from cost_rollups_hourly
             where bucket_start >= '2026-10-01T00:00:00Z' and bucket_start < '2026-11-01T00:00:00Z'
             group by 1, 2, 3, 4, 5, 6, 7, 8, 9""", """
            insert into cost_tag_rollups_hourly
            select t.key, t.value, date_trunc('hour', occurred_at, 'UTC'), tenant_id, team_id, key_id, model_id,
                   model_name, provider_id, route_alias, currency, count(*), coalesce(sum(prompt_tokens), 0),
                   coalesce(sum(completion_tokens), 0), coalesce(sum(cached_prompt_tokens), 0),
                   coalesce(sum(reasoning_tokens), 0), count(*) filter (where tokens_estimated),
                   count(*) filter (where unpriced), sum(cost)
              from line_items cross join lateral jsonb_each_text(tags) as t
             where occurred_at >= '2026-10-01T00:00:00Z' and occurred_at < '2026-11-01T00:00:00Z'
             group by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11""", """
            insert into cost_tag_rollups_daily
            select tag_name, tag_value, date_trunc('day', bucket_start, 'UTC'), tenant_id, team_id, key_id, model_id,
                   model_name, provider_id, route_alias, currency, sum(requests), sum(prompt_tokens),
                   sum(completion_tokens), sum(cached_prompt_tokens), sum(reasoning_tokens), sum(estimated_requests),
                   sum(unpriced_requests), sum(cost)
              from cost_tag_rollups_hourly
             where bucket_start >= '2026-10-01T00:00:00Z' and bucket_start < '2026-11-01T00:00:00Z'
             group by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11""");

    private static String latency(HttpClient http, String url, String what, int warmUp, int measured,
            BigDecimal expectedCost) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .header("Accept", "application/json")
                .timeout(Duration.ofMinutes(5))
                .GET().build();
        String body = "";
        for (int i = 0; i < warmUp; i++) {
            body = send(http, request);
        }
        long[] nanos = new long[measured];
        for (int i = 0; i < measured; i++) {
            long started = System.nanoTime();
            body = send(http, request);
            nanos[i] = System.nanoTime() - started;
        }
        Arrays.sort(nanos);
        String check = "";
        if (expectedCost != null) {
            String total = body.replaceAll("(?s).*\"totals\":\\[\\{\"currency\":\"USD\",\"requests\":\\d+,\"cost\":\"([0-9.]+)\".*", "$1");
            check = new BigDecimal(total).compareTo(expectedCost) == 0 ? "; total = sum of line items"
                    : "; TOTAL MISMATCH " + total + " vs " + expectedCost;
        }
        String source = body.replaceAll("(?s).*\"source\":\"([a-z-]+)\".*", "$1");
        log.info("{}: p50 {} ms, p95 {} ms, max {} ms ({} requests, source {}{})", what, ms(percentile(nanos, 50)),
                ms(percentile(nanos, 95)), ms(nanos[nanos.length - 1]), measured, source.length() > 20 ? "-" : source, check);
        return String.format(Locale.ROOT, "| %s | p50 **%s ms**, p95 %s ms, max %s ms (%d requests)%s |", what,
                ms(percentile(nanos, 50)), ms(percentile(nanos, 95)), ms(nanos[nanos.length - 1]), measured, check);
    }

    private static String send(HttpClient http, HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static long percentile(long[] sorted, int percent) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percent / 100.0 * sorted.length) - 1)];
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e6);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim() + " (1, 5, 15 min; " + Runtime.getRuntime()
                    .availableProcessors() + " cores)";
        }
        catch (IOException ex) {
            return "unknown";
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                }
                catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            });
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
