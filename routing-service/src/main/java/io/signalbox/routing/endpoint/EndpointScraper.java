package io.signalbox.routing.endpoint;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.signalbox.contracts.catalog.EndpointInfo;
import io.signalbox.contracts.catalog.PoolInfo;
import io.signalbox.routing.catalog.Catalog;
import io.signalbox.routing.catalog.CatalogHolder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Scrapes every active pool endpoint's Prometheus metrics on a fixed interval (default 200 ms), as an
 * endpoint picker does: queue depth and KV-cache use change within a second, so telemetry's slower
 * statistics cannot steer endpoint picking. One scrape per endpoint is in flight at a time; a slow or
 * failing endpoint simply goes stale. The metrics URL is the endpoint's {@code metricsUrl}, else its base
 * URL without the trailing {@code /v1} plus {@code /metrics} (vLLM's layout).
 */
public final class EndpointScraper implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EndpointScraper.class);

    private final CatalogHolder catalogs;

    private final EndpointSignalStore store;

    private final Duration interval;

    private final Duration timeout;

    private final HttpClient http;

    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    private final Counter failures;

    private @Nullable ScheduledExecutorService scheduler;

    public EndpointScraper(CatalogHolder catalogs, EndpointSignalStore store, Duration interval, Duration timeout,
            MeterRegistry meters) {
        this.catalogs = catalogs;
        this.store = store;
        this.interval = interval;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
        this.failures = Counter.builder("signalbox.routing.endpoint.scrape.failures")
                .description("Endpoint metric scrapes that failed or timed out").register(meters);
    }

    @Override
    public void start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "endpoint-scraper");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::scrapeAll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        scheduler = executor;
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = scheduler;
        if (executor != null) {
            executor.shutdownNow();
        }
        scheduler = null;
        http.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }

    void scrapeAll() {
        try {
            Catalog catalog = catalogs.loaded().orElse(null);
            if (catalog == null) {
                return;
            }
            Set<String> known = new HashSet<>();
            for (PoolInfo pool : catalog.pools()) {
                for (EndpointInfo endpoint : pool.endpoints()) {
                    known.add(endpoint.id());
                    if (endpoint.isActive() || "draining".equals(endpoint.state())) {
                        scrape(endpoint);
                    }
                }
            }
            store.retainOnly(known);
        }
        catch (RuntimeException unexpected) {
            log.warn("Endpoint scrape round failed: {}", unexpected.toString());
        }
    }

    private void scrape(EndpointInfo endpoint) {
        if (!inFlight.add(endpoint.id())) {
            return;
        }
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(metricsUrl(endpoint))).timeout(timeout).GET().build();
        }
        catch (IllegalArgumentException badUrl) {
            inFlight.remove(endpoint.id());
            return;
        }
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
            inFlight.remove(endpoint.id());
            if (failure == null && response.statusCode() == 200) {
                store.record(endpoint.id(), response.body(), System.nanoTime());
            }
            else {
                failures.increment();
            }
        });
    }

    static String metricsUrl(EndpointInfo endpoint) {
        if (endpoint.metricsUrl() != null && !endpoint.metricsUrl().isBlank()) {
            return endpoint.metricsUrl();
        }
        String base = endpoint.baseUrl().endsWith("/") ? endpoint.baseUrl().substring(0, endpoint.baseUrl().length() - 1)
                : endpoint.baseUrl();
        if (base.endsWith("/v1")) {
            base = base.substring(0, base.length() - 3);
        }
        return base + "/metrics";
    }
}
