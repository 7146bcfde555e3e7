package io.signalbox.localstack;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;

import org.slf4j.LoggerFactory;

/**
 * {@code ./run-local.sh} ends here: starts the stack, prints how to use it, and runs until Ctrl-C.
 * Options: {@code --port-offset=N} moves every port by N; {@code --work-dir=PATH} (default
 * {@code .signalbox}) holds logs and run files; {@code --bench-upstream=URL} also routes {@code gpt-4o-mini} to
 * URL for the gateway-overhead benchmark (see bench/gateway-overhead.sh).
 */
public final class LocalStackMain {

    private LocalStackMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        int portOffset = 0;
        Path workDirectory = Path.of(".signalbox");
        String benchUpstream = null;
        for (String arg : args) {
            if (arg.startsWith("--port-offset=")) {
                portOffset = Integer.parseInt(arg.substring("--port-offset=".length()));
            }
            else if (arg.startsWith("--work-dir=")) {
                workDirectory = Path.of(arg.substring("--work-dir=".length()));
            }
            else if (arg.startsWith("--bench-upstream=")) {
                benchUpstream = arg.substring("--bench-upstream=".length());
            }
            else {
                System.err.println("Unknown option " + arg + ". Options: --port-offset=N --work-dir=PATH --bench-upstream=URL");
                System.exit(2);
            }
        }
        LocalStackConfig config = LocalStackConfig.defaults(portOffset, workDirectory.toAbsolutePath());
        if (benchUpstream != null) {
            config = config.withBenchUpstream(benchUpstream);
        }
        LocalStack stack = LocalStack.create(config);
        CountDownLatch stopped = new CountDownLatch(1);
        // in place before anything starts, so Ctrl-C during a slow first start-up leaves nothing behind
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping Signalbox...");
            quietBrokerLogs();
            stack.close();
            stopped.countDown();
        }, "local-stack-stop"));
        try {
            stack.start();
        }
        catch (RuntimeException failure) {
            System.err.println("\nSignalbox did not start: " + failure.getMessage());
            System.exit(1);
            return;
        }
        System.out.println(banner(stack));
        stopped.await();
    }

    /**
     * Kafka's test kit deletes the broker's directory from a shutdown hook of its own, which runs
     * alongside ours; the broker then logs alarming but harmless storage errors while it stops.
     */
    private static void quietBrokerLogs() {
        for (String name : new String[] { "org.apache.kafka", "kafka", "state.change.logger" }) {
            if (LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger logger) {
                logger.setLevel(ch.qos.logback.classic.Level.OFF);
            }
        }
    }

    static String banner(LocalStack stack) {
        LocalStackConfig config = stack.config();
        DemoCatalog catalog = stack.catalog();
        String gateway = "http://localhost:" + config.gatewayPort();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return """

                Signalbox is running.

                  Gateway (OpenAI API)  %1$s/v1
                  Admin API (registry)  %1$s/api/v1/...   (also direct: http://localhost:%2$d/api/v1)
                  Cost reports          %1$s/api/v1/reports/costs
                  Telemetry             %1$s/api/v1/telemetry/models
                  Routing decisions     http://localhost:%3$d/v1/decisions
                  Metrics               http://localhost:%4$d/actuator/prometheus (each service on its port)
                  Simulated pools       http://127.0.0.1:%5$d/v1 (%6$s), http://127.0.0.1:%7$d/v1 (%8$s)
                  Kafka                 %9$s
                  PostgreSQL            %10$s (user postgres)
                  Redis (rate limits)   127.0.0.1:%17$d
                  Logs                  %11$s

                Paste into your shell (key of team "search"; team "support" has %12$s):

                  export OPENAI_BASE_URL=%1$s/v1
                  export OPENAI_API_KEY=%13$s
                  export SIGNALBOX_ADMIN_TOKEN=%14$s

                Try it:

                  curl -s $OPENAI_BASE_URL/chat/completions -H "Authorization: Bearer $OPENAI_API_KEY" \\
                    -H 'Content-Type: application/json' \\
                    -d '{"model":"auto","messages":[{"role":"user","content":"Hello, Signalbox!"}]}'
                  curl -s "%1$s/api/v1/reports/costs?from=%15$s&to=%16$s&groupBy=team" \\
                    -H "Authorization: Bearer $SIGNALBOX_ADMIN_TOKEN"

                Routes: fast (%6$s), smart (%8$s), auto (80/20 weighted). Press Ctrl-C to stop everything.
                """.formatted(gateway, config.registryPort(), config.routingPort(), config.gatewayPort(),
                config.smallPoolPort(), DemoCatalog.SMALL_MODEL, config.largePoolPort(), DemoCatalog.LARGE_MODEL,
                stack.kafkaBootstrapServers(), stack.postgresUrl("registry"), config.logDirectory(),
                catalog.supportKey(), catalog.searchKey(), config.adminToken(), today, today.plusDays(1), stack.redisPort());
    }
}
