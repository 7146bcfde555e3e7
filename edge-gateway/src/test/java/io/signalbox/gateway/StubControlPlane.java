package io.signalbox.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.signalbox.contracts.catalog.PriceSnapshot;
import io.signalbox.contracts.decision.AvailableModel;
import io.signalbox.contracts.decision.DecisionRequest;
import io.signalbox.contracts.decision.DecisionResponse;
import io.signalbox.contracts.decision.DecisionTarget;
import io.signalbox.contracts.decision.TargetResilience;
import io.signalbox.contracts.identity.KeyHashes;
import io.signalbox.contracts.identity.KeyIdentity;
import io.signalbox.contracts.identity.ProviderCredentials;
import io.signalbox.contracts.json.ContractJson;

/**
 * Stands in, over real HTTP, for the two services the gateway calls: routing-service's decisions and
 * model list, and the registry's key and provider-credential lookups. Tests script which targets a model resolves to.
 */
final class StubControlPlane implements AutoCloseable {

    static final String INTERNAL_TOKEN = "internal-token-for-gateway-tests";

    static final PriceSnapshot PRICE = new PriceSnapshot("price-1", "model-alpha", "USD", new BigDecimal("2.50"),
            new BigDecimal("10.00"), new BigDecimal("1.25"), Instant.parse("2026-01-01T00:00:00Z"));

    private final HttpServer server;

    private final Map<String, List<DecisionTarget>> routes = new ConcurrentHashMap<>();

    private final Map<String, DecisionTarget> shadows = new ConcurrentHashMap<>();

    private final Map<String, KeyIdentity> keys = new ConcurrentHashMap<>();

    private final Map<String, ProviderCredentials> credentials = new ConcurrentHashMap<>();

    private final Map<String, Boolean> credentialsFailing = new ConcurrentHashMap<>();

    private final Map<String, String[]> refusals = new ConcurrentHashMap<>();

    private volatile boolean routingDown;

    private volatile boolean routingSilent;

    /** Decision requests left unanswered while routing is silent; closed when it speaks again. */
    private final List<HttpExchange> unanswered = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** The query string of the last model-list call, to see what the gateway asked routing to filter by. */
    volatile String lastModelsQuery = "";

    /** The W3C trace context of each decision request, by its request id ("" when it came without one). */
    final Map<String, String> decisionTraceparents = new ConcurrentHashMap<>();

    StubControlPlane() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/decisions", this::decide);
        server.createContext("/v1/models", this::models);
        server.createContext("/internal/v1/keys/", this::key);
        server.createContext("/internal/v1/providers/", this::credentials);
        server.start();
    }

    /** A control plane that knows one virtual key, of tenant-1 and the given team. */
    static StubControlPlane withKey(String key, String keyId, String teamId) {
        try {
            StubControlPlane plane = new StubControlPlane();
            plane.key(key, identity(keyId, teamId));
            return plane;
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * Points a gateway under test at this control plane, the JVM's shared Kafka and Redis, loopback only, with a
     * fresh usage spool of its own under the module's {@code target/} (so a clean build removes it, not /tmp).
     */
    void wire(org.springframework.test.context.DynamicPropertyRegistry registry) {
        io.signalbox.infra.SharedInfra.registerKafka(registry);
        io.signalbox.infra.SharedInfra.registerRedis(registry);
        registry.add("server.address", () -> "127.0.0.1");
        registry.add("signalbox.gateway.routing-url", this::url);
        registry.add("signalbox.gateway.registry-url", this::url);
        registry.add("signalbox.gateway.internal-token", () -> INTERNAL_TOKEN);
        registry.add("signalbox.gateway.usage.spool-directory", () -> {
            try {
                java.nio.file.Path target = java.nio.file.Files.createDirectories(java.nio.file.Path.of("target"));
                return java.nio.file.Files.createTempDirectory(target, "gateway-spool").toAbsolutePath().toString();
            }
            catch (IOException ex) {
                throw new IllegalStateException(ex);
            }
        });
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void route(String model, List<DecisionTarget> targets) {
        routes.put(model, targets);
    }

    /** Every decision for the model also names this shadow target (the route mirrors all its traffic). */
    void mirror(String model, DecisionTarget shadow) {
        shadows.put(model, shadow);
    }

    void key(String key, KeyIdentity identity) {
        keys.put(KeyHashes.sha256Hex(key), identity);
    }

    /** What the registry answers for a provider's credentials (unknown providers: 404). */
    void credentials(String providerId, String kind, Map<String, String> secrets) {
        credentials.put(providerId, new ProviderCredentials(providerId, kind, secrets));
    }

    /** Makes the credential lookup for one provider fail with a 500, as if the registry were down. */
    void credentialsFailing(String providerId) {
        credentialsFailing.put(providerId, true);
    }

    static DecisionTarget target(String modelName, String upstreamModel, String endpointId, String baseUrl) {
        return target(modelName, upstreamModel, endpointId, baseUrl, "provider-1");
    }

    static DecisionTarget target(String modelName, String upstreamModel, String endpointId, String baseUrl,
            String providerId) {
        return new DecisionTarget("model-" + modelName, modelName, upstreamModel, providerId, "openai-compatible",
                "pool-1", endpointId, baseUrl, "local", PRICE);
    }

    /** The same target with the timeouts, retries and breaker thresholds the registry set for its provider. */
    static DecisionTarget withResilience(DecisionTarget target, TargetResilience resilience) {
        return new DecisionTarget(target.modelId(), target.modelName(), target.upstreamModel(), target.providerId(),
                target.apiFormat(), target.poolId(), target.endpointId(), target.baseUrl(), target.region(),
                target.price(), resilience);
    }

    /** The same target priced otherwise, as routing prices it for a tenant with a negotiated adjustment. */
    static DecisionTarget withPrice(DecisionTarget target, PriceSnapshot price) {
        return new DecisionTarget(target.modelId(), target.modelName(), target.upstreamModel(), target.providerId(),
                target.apiFormat(), target.poolId(), target.endpointId(), target.baseUrl(), target.region(), price,
                target.resilience());
    }

    static DecisionTarget hostedTarget(String modelName, String baseUrl, String providerId) {
        return new DecisionTarget("model-" + modelName, modelName, "up-" + modelName, providerId, "openai", null,
                null, baseUrl, null, PRICE);
    }

    static DecisionTarget anthropicTarget(String modelName, String upstreamModel, String endpointId, String baseUrl) {
        return new DecisionTarget("model-" + modelName, modelName, upstreamModel, "provider-anthropic", "anthropic",
                null, endpointId, baseUrl, null, PRICE);
    }

    /** Makes routing-service refuse decisions for the model with this status and RFC 9457 problem body. */
    void refuse(String model, int status, String problemJson) {
        refusals.put(model, new String[] {Integer.toString(status), problemJson});
    }

    /** Makes routing-service answer every decision with a 500, as if it were down. */
    void routingDown(boolean down) {
        routingDown = down;
    }

    /** While silent, routing takes decision requests and never answers them (a hung routing-service). */
    void routingSilent(boolean silent) {
        routingSilent = silent;
        if (!silent) {
            unanswered.forEach(HttpExchange::close);
            unanswered.clear();
        }
    }

    private void decide(HttpExchange exchange) throws IOException {
        if (!authorized(exchange)) {
            return;
        }
        DecisionRequest request = ContractJson.fromBytes(exchange.getRequestBody().readAllBytes(), DecisionRequest.class);
        String traceparent = exchange.getRequestHeaders().getFirst("traceparent");
        decisionTraceparents.put(request.requestId(), traceparent == null ? "" : traceparent);
        if (routingDown) {
            respond(exchange, 500, "{\"status\":500}");
            return;
        }
        if (routingSilent) {
            unanswered.add(exchange);
            return;
        }
        String[] refusal = refusals.get(request.model());
        if (refusal != null) {
            respond(exchange, Integer.parseInt(refusal[0]), refusal[1]);
            return;
        }
        List<DecisionTarget> targets = routes.get(request.model());
        if (targets == null) {
            respond(exchange, 404, "{\"type\":\"https://signalbox.io/problems/unknown-model\",\"status\":404}");
            return;
        }
        respond(exchange, 200, ContractJson.toJson(new DecisionResponse(UUID.randomUUID().toString(), request.model(),
                request.model(), "static", targets, "scripted by the test", 1, null, shadows.get(request.model()))));
    }

    private void models(HttpExchange exchange) throws IOException {
        if (!authorized(exchange)) {
            return;
        }
        lastModelsQuery = String.valueOf(exchange.getRequestURI().getQuery());
        respond(exchange, 200, ContractJson.toJson(routes.keySet().stream().sorted()
                .map(id -> new AvailableModel(id, "route", "signalbox", 0)).toList()));
    }

    private void key(HttpExchange exchange) throws IOException {
        if (!authorized(exchange)) {
            return;
        }
        String hash = exchange.getRequestURI().getPath().substring("/internal/v1/keys/".length());
        KeyIdentity identity = keys.get(hash);
        if (identity == null) {
            respond(exchange, 404, "{\"status\":404}");
            return;
        }
        respond(exchange, 200, ContractJson.toJson(identity));
    }

    private void credentials(HttpExchange exchange) throws IOException {
        if (!authorized(exchange)) {
            return;
        }
        String path = exchange.getRequestURI().getPath();
        String providerId = path.substring("/internal/v1/providers/".length(), path.lastIndexOf("/credentials"));
        ProviderCredentials found = credentials.get(providerId);
        if (credentialsFailing.containsKey(providerId)) {
            respond(exchange, 500, "{\"status\":500}");
        }
        else if (found == null) {
            respond(exchange, 404, "{\"status\":404}");
        }
        else {
            respond(exchange, 200, ContractJson.toJson(found));
        }
    }

    private static boolean authorized(HttpExchange exchange) throws IOException {
        if (("Bearer " + INTERNAL_TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            return true;
        }
        respond(exchange, 401, "{\"status\":401}");
        return false;
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", status == 200 ? "application/json" : "application/problem+json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    static KeyIdentity identity(String keyId, String teamId) {
        return new KeyIdentity(keyId, "sk-sb-test", "tenant-1", teamId, Map.of("project", "gateway-tests"), "active",
                null);
    }


    @Override
    public void close() {
        server.stop(0);
    }
}
