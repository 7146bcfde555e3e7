package io.signalbox.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import io.signalbox.infra.EmbeddedKafkaServer;
import io.signalbox.infra.EmbeddedPostgresServer;
import io.signalbox.infra.EmbeddedRedisServer;
import io.signalbox.infra.Ports;
import io.signalbox.infra.SignalboxTopics;
import io.signalbox.simulator.endpoint.EndpointSpec;
import io.signalbox.simulator.server.SimulatorServer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts and stops the whole suite. {@link #start} returns when every service is ready and routing has
 * loaded the demo catalog, so the first request a user sends already works; {@link #close} stops the
 * services, the pools, Kafka and PostgreSQL, in that order, and leaves no process behind.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

    private static final String POSTGRES_USER = EmbeddedPostgresServer.USER;

    private final LocalStackConfig config;

    private final List<ServiceProcess> services = new CopyOnWriteArrayList<>();

    private final AtomicBoolean closed = new AtomicBoolean();

    private @Nullable EmbeddedPostgresServer postgres;

    private @Nullable EmbeddedKafkaServer kafka;

    private @Nullable EmbeddedRedisServer redis;

    private @Nullable SimulatorServer pools;

    private @Nullable DemoCatalog catalog;

    private LocalStack(LocalStackConfig config) {
        this.config = config;
    }

    /** A stack that is not started yet, so that a shutdown hook can be in place before anything starts. */
    public static LocalStack create(LocalStackConfig config) {
        return new LocalStack(config);
    }

    public static LocalStack start(LocalStackConfig config) {
        return create(config).start();
    }

    /** Starts everything; on failure (or when closed meanwhile) stops what was started and throws. */
    public LocalStack start() {
        try {
            startAll();
            return this;
        }
        catch (RuntimeException failure) {
            close();
            throw failure;
        }
    }

    private void startAll() {
        requireFreePorts();
        clearUsageSpool();
        Instant deadline = Instant.now().plus(config.startupTimeout());
        log.info("Starting PostgreSQL, Kafka and Redis");
        EmbeddedPostgresServer db = EmbeddedPostgresServer.start(0, null);
        postgres = db;
        String registryDb = db.createDatabase("registry");
        String costDb = db.createDatabase("cost");
        EmbeddedKafkaServer broker = EmbeddedKafkaServer.start(SignalboxTopics.all());
        kafka = broker;
        EmbeddedRedisServer limits = EmbeddedRedisServer.start(0);
        redis = limits;

        log.info("Starting the simulated inference pools");
        pools = SimulatorServer.start(List.of(
                EndpointSpec.builder("small", DemoCatalog.SMALL_UPSTREAM).port(config.smallPoolPort())
                        .ttft(Duration.ofMillis(30)).timePerOutputToken(Duration.ofMillis(8)).contextWindow(131072)
                        .build(),
                EndpointSpec.builder("large", DemoCatalog.LARGE_UPSTREAM).port(config.largePoolPort())
                        .ttft(Duration.ofMillis(120)).timePerOutputToken(Duration.ofMillis(25)).contextWindow(131072)
                        .build()));

        log.info("Starting the services (logs in {})", config.logDirectory());
        Map<String, String> environment = Map.of(
                "SIGNALBOX_ADMIN_TOKEN", config.adminToken(),
                "SIGNALBOX_INTERNAL_TOKEN", config.internalToken(),
                "KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        String kafkaArg = "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers();
        ServiceProcess registry = launch("model-registry-service", config.registryPort(), environment, kafkaArg,
                "--spring.datasource.url=" + registryDb, "--spring.datasource.username=" + POSTGRES_USER,
                "--spring.datasource.password=");
        // Developers see every request and routing decision, under its trace id, in the gateway and routing logs;
        // the benchmark keeps the production default (both lines off) so that it measures what a deployment runs.
        String perRequestLogs = config.benchUpstream() == null ? "INFO" : "WARN";
        String decisionLog = "--logging.level.io.signalbox.routing.decisions=" + perRequestLogs;
        launch("routing-service", config.routingPort(), environment, kafkaArg,
                "--signalbox.registry.url=" + config.registryUrl(), decisionLog);
        launch("telemetry-service", config.telemetryPort(), environment, kafkaArg,
                "--signalbox.registry.url=" + config.registryUrl());
        launch("cost-service", config.costPort(), environment, kafkaArg,
                "--spring.datasource.url=" + costDb, "--spring.datasource.username=" + POSTGRES_USER,
                "--spring.datasource.password=");
        launch("edge-gateway", config.gatewayPort(), environment, kafkaArg,
                "--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=" + limits.port(),
                "--logging.level.io.signalbox.gateway.access=" + perRequestLogs,
                "--signalbox.gateway.routing-url=" + config.routingUrl(),
                "--signalbox.gateway.registry-url=" + config.registryUrl(),
                "--signalbox.gateway.cost-url=" + config.costUrl(),
                "--signalbox.gateway.telemetry-url=" + config.telemetryUrl(),
                "--signalbox.gateway.usage.spool-directory=" + config.workDirectory().resolve("gateway-usage-spool"));

        registry.awaitReady(deadline);
        log.info("Registry ready; creating the demo catalog");
        catalog = DemoCatalog.create(new AdminApi(config.registryUrl(), config.adminToken()),
                poolUrl(config.smallPoolPort()), poolUrl(config.largePoolPort()));
        for (ServiceProcess service : services) {
            service.awaitReady(deadline);
            log.info("{} ready (pid {})", service.name(), service.pid());
        }
        String benchUpstream = config.benchUpstream();
        if (benchUpstream != null) {
            String key = DemoCatalog.createBenchRoute(new AdminApi(config.registryUrl(), config.adminToken()),
                    catalog.searchTeamId(), benchUpstream);
            awaitRoutingSees(DemoCatalog.BENCH_ALIAS, deadline);
            writeBenchEnv(key);
        }
        awaitRoutingSees("auto", deadline);
    }

    /** What the benchmark script needs to add the gateway as a harness target. */
    private void writeBenchEnv(String key) {
        ServiceProcess gateway = services.stream().filter(service -> service.name().equals("edge-gateway"))
                .findFirst().orElseThrow();
        String env = "GATEWAY_URL=" + config.gatewayUrl() + "\nGATEWAY_PORT=" + config.gatewayPort() + "\nGATEWAY_PID="
                + gateway.pid() + "\nBENCH_KEY=" + key + "\n"
                + (postgres == null ? "" : "POSTGRES_PORT=" + postgres.port() + "\n");
        try {
            Files.writeString(config.workDirectory().resolve("bench.env"), env);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private ServiceProcess launch(String name, int port, Map<String, String> environment, String... arguments) {
        if (closed.get()) {
            throw new IllegalStateException("The stack was stopped while it was starting");
        }
        ServiceProcess process = ServiceProcess.start(name, config.servicesDirectory().resolve(name + ".jar"), port,
                config.benchUpstream() == null ? ServiceProcess.DEV_JVM : ServiceProcess.BENCH_JVM, List.of(arguments),
                environment, config.logDirectory());
        services.add(process);
        return process;
    }

    /** Routing learns about the catalog from Kafka; wait until it can route the demo's routes. */
    private void awaitRoutingSees(String alias, Instant deadline) {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(config.routingUrl() + "/v1/models"))
                .header("Authorization", "Bearer " + config.internalToken()).GET().build();
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"" + alias + "\"")) {
                    return;
                }
            }
            catch (IOException notYet) {
                // routing not answering yet
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for routing", ex);
            }
            sleepQuietly(Duration.ofMillis(250));
        }
        throw new IllegalStateException("routing-service did not load the demo catalog in time");
    }

    private void requireFreePorts() {
        int[] ports = { config.gatewayPort(), config.routingPort(), config.registryPort(), config.telemetryPort(),
                config.costPort(), config.smallPoolPort(), config.largePoolPort() };
        for (int port : ports) {
            if (!Ports.isFree(port)) {
                throw new IllegalStateException("Port " + port + " is in use. Stop what uses it, or start with "
                        + "--port-offset=N to move every port of the stack by N.");
            }
        }
        try {
            Files.createDirectories(config.logDirectory());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Each run starts with fresh databases, so usage events a previous run left in the gateway's spool
     * would be priced into this run's reports as phantom requests.
     */
    private void clearUsageSpool() {
        Path spool = config.workDirectory().resolve("gateway-usage-spool");
        if (!Files.isDirectory(spool)) {
            return;
        }
        try (var files = Files.list(spool)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot clear the previous run's usage spool " + spool, ex);
        }
    }

    private static String poolUrl(int port) {
        return "http://127.0.0.1:" + port + "/v1";
    }

    public LocalStackConfig config() {
        return config;
    }

    public DemoCatalog catalog() {
        if (catalog == null) {
            throw new IllegalStateException("The stack is not started");
        }
        return catalog;
    }

    public String kafkaBootstrapServers() {
        return runningKafka().bootstrapServers();
    }

    /**
     * Stops the Kafka broker, keeping its port and data, to rehearse an outage: the services stay up and
     * reconnect by themselves after {@link #startKafkaBroker}.
     */
    public void stopKafkaBroker() {
        runningKafka().stopBroker();
    }

    /** Starts the broker stopped by {@link #stopKafkaBroker} again, on the same port with the same data. */
    public void startKafkaBroker() {
        runningKafka().startBroker();
    }

    private EmbeddedKafkaServer runningKafka() {
        if (kafka == null) {
            throw new IllegalStateException("The stack is not started");
        }
        return kafka;
    }

    public int redisPort() {
        if (redis == null) {
            throw new IllegalStateException("The stack is not started");
        }
        return redis.port();
    }

    public String postgresUrl(String database) {
        if (postgres == null) {
            throw new IllegalStateException("The stack is not started");
        }
        return postgres.jdbcUrl(database);
    }

    public SimulatorServer pools() {
        if (pools == null) {
            throw new IllegalStateException("The stack is not started");
        }
        return pools;
    }

    public List<ServiceProcess> services() {
        return List.copyOf(services);
    }

    /** Stops whatever is running; safe to call more than once and while {@link #start} is running. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List<ServiceProcess> started = new ArrayList<>(services);
        started.reversed().forEach(ServiceProcess::stopAsync);
        started.reversed().forEach(ServiceProcess::close);
        closeQuietly(pools);
        closeQuietly(kafka);
        closeQuietly(redis);
        closeQuietly(postgres);
    }

    private static void closeQuietly(@Nullable AutoCloseable resource) {
        if (resource == null) {
            return;
        }
        try {
            resource.close();
        }
        catch (Exception ex) {
            log.warn("Could not stop {} cleanly: {}", resource.getClass().getSimpleName(), ex.toString());
        }
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
