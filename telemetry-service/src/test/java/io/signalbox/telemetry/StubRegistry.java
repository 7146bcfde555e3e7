package io.signalbox.telemetry;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import io.signalbox.contracts.catalog.CatalogSnapshot;
import io.signalbox.contracts.catalog.ModelInfo;
import io.signalbox.contracts.catalog.PriceSnapshot;
import io.signalbox.contracts.catalog.ProviderInfo;
import io.signalbox.contracts.catalog.RouteInfo;
import io.signalbox.contracts.catalog.RouteTarget;
import io.signalbox.contracts.json.ContractJson;
import org.jspecify.annotations.Nullable;

/**
 * A real HTTP server on 127.0.0.1 playing model-registry-service's internal catalog API, with a complexity route
 * whose tier map puts {@value #SMALL} in {@code economy} and {@value #LARGE} in {@code premium}, and a model
 * ({@value #TIERED}) that only has a quality tier of its own. Like the registry, it answers 304 to a request that
 * sends back the served version's entity tag.
 */
public final class StubRegistry implements AutoCloseable {

    public static final String SMALL = "model-small";

    public static final String LARGE = "model-large";

    public static final String TIERED = "model-standard";

    public static final String HOSTED = "model-hosted";

    public static final String ADAPTIVE = "adaptive";

    private final HttpServer server;

    private final AtomicInteger snapshotsSent;

    private StubRegistry(HttpServer server, AtomicInteger snapshotsSent) {
        this.server = server;
        this.snapshotsSent = snapshotsSent;
    }

    public static StubRegistry start(String internalToken) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            byte[] body = ContractJson.toBytes(catalog());
            AtomicInteger sent = new AtomicInteger();
            server.createContext("/internal/v1/catalog", exchange -> {
                try {
                    if (!("Bearer " + internalToken).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                        exchange.sendResponseHeaders(401, -1);
                        return;
                    }
                    String tag = CatalogSnapshot.entityTag(catalog().version());
                    exchange.getResponseHeaders().add("ETag", tag);
                    if (tag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                        exchange.sendResponseHeaders(304, -1);
                        return;
                    }
                    sent.incrementAndGet();
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                }
                finally {
                    exchange.close();
                }
            });
            server.start();
            return new StubRegistry(server, sent);
        }
        catch (IOException ex) {
            throw new IllegalStateException("Cannot start the stub registry", ex);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Catalog requests answered with a snapshot; one that sent back the served version's tag is answered 304. */
    public int snapshotsSent() {
        return snapshotsSent.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    static CatalogSnapshot catalog() {
        Instant from = Instant.parse("2025-01-01T00:00:00Z");
        PriceSnapshot price = new PriceSnapshot("price-1", SMALL, "USD", new BigDecimal("0.10"),
                new BigDecimal("0.20"), new BigDecimal("0.05"), from);
        ProviderInfo local = new ProviderInfo("provider-local", "local", "openai-compatible", null);
        ProviderInfo hosted = new ProviderInfo("provider-openai", "openai", "openai", "https://api.openai.com/v1");
        List<ModelInfo> models = List.of(
                model(SMALL, "small", local.id(), "standard", price),
                model(LARGE, "large", local.id(), null, price),
                model(TIERED, "mid", local.id(), "standard", price),
                model(HOSTED, "gpt", hosted.id(), "premium", price));
        RouteInfo adaptive = new RouteInfo("route-adaptive", ADAPTIVE, "complexity",
                List.of(new RouteTarget(SMALL, 1), new RouteTarget(LARGE, 1)), 1,
                Map.of("tiers", Map.of("economy", List.of(SMALL), "premium", List.of(LARGE))));
        return new CatalogSnapshot(3, from, List.of(local, hosted), models, List.of(), List.of(adaptive));
    }

    private static ModelInfo model(String id, String name, String providerId, @Nullable String tier,
            PriceSnapshot price) {
        return new ModelInfo(id, providerId, name, name, 128_000, Set.of(), "active", List.of(price), null, null, tier,
                null, null);
    }
}
