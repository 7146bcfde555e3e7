package io.signalbox.routing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.signalbox.contracts.catalog.CatalogSnapshot;
import io.signalbox.contracts.json.ContractJson;
import org.jspecify.annotations.Nullable;

/**
 * Stands in for model-registry-service's internal catalog endpoint: a real HTTP server on
 * 127.0.0.1 that serves a snapshot written with ContractJson, checks the internal bearer token,
 * answers 304 to an {@code If-None-Match} of the served version's entity tag as the registry does,
 * and can be told to fail (503) as a registry that is not up yet would.
 */
public final class FakeRegistry implements AutoCloseable {

    private final HttpServer server;

    private final String expectedAuthorization;

    private final AtomicReference<@Nullable String> catalogJson = new AtomicReference<>();

    private final AtomicReference<String> catalogTag = new AtomicReference<>("");

    private final AtomicInteger notModified = new AtomicInteger();

    private final AtomicInteger catalogRequests = new AtomicInteger();

    private FakeRegistry(HttpServer server, String internalToken) {
        this.server = server;
        this.expectedAuthorization = "Bearer " + internalToken;
    }

    public static FakeRegistry start(String internalToken) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            FakeRegistry registry = new FakeRegistry(server, internalToken);
            server.createContext("/internal/v1/catalog", registry::handle);
            server.start();
            return registry;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Serves this snapshot from now on. */
    public void serve(CatalogSnapshot snapshot) {
        catalogJson.set(ContractJson.toJson(snapshot));
        catalogTag.set(CatalogSnapshot.entityTag(snapshot.version()));
    }

    /** Answers 503 from now on, as a registry that is still starting. */
    public void fail() {
        catalogJson.set(null);
    }

    public int catalogRequests() {
        return catalogRequests.get();
    }

    /** How many catalog requests were answered 304, as the registry does for a reader's current version. */
    public int notModifiedAnswers() {
        return notModified.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        catalogRequests.incrementAndGet();
        try (exchange) {
            if (!expectedAuthorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                respond(exchange, 401, "{\"title\":\"Unauthorized\"}");
                return;
            }
            String json = catalogJson.get();
            if (json == null) {
                respond(exchange, 503, "{\"title\":\"Service Unavailable\"}");
                return;
            }
            String tag = catalogTag.get();
            exchange.getResponseHeaders().set("ETag", tag);
            if (tag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                notModified.incrementAndGet();
                exchange.sendResponseHeaders(304, -1);
                return;
            }
            respond(exchange, 200, json);
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
