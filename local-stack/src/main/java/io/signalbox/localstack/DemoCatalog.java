package io.signalbox.localstack;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * The demo catalog, created through the registry's admin API exactly as an admin would: one provider for
 * the simulated pools, a small cheap model and a large expensive one (priced like hosted Llama 3.1 8B and
 * 70B on low-cost inference providers, with cached input at half the input rate), a pool and endpoint for each, routes {@code fast}, {@code smart} and a weighted
 * {@code auto}, a tenant with two teams and one virtual key per team.
 *
 * @param searchKey the virtual key of team {@code search}
 * @param supportKey the virtual key of team {@code support}
 */
public record DemoCatalog(
        String tenantId,
        String searchTeamId,
        String supportTeamId,
        String searchKey,
        String supportKey,
        String smallModelId,
        String largeModelId) {

    public static final String SMALL_MODEL = "llama-3.1-8b";

    public static final String LARGE_MODEL = "llama-3.1-70b";

    public static final String SMALL_UPSTREAM = "meta-llama/Llama-3.1-8B-Instruct";

    public static final String LARGE_UPSTREAM = "meta-llama/Llama-3.1-70B-Instruct";

    /** USD per million input tokens of the small model. */
    public static final String SMALL_INPUT_PER_MILLION = "0.03";

    /** USD per million output tokens of the small model. */
    public static final String SMALL_OUTPUT_PER_MILLION = "0.05";

    /** A complexity-routed alias: the feature scorer sends prompts scoring at least 0.3 to the large model. */
    public static final String ADAPTIVE_ALIAS = "adaptive";

    static final double ADAPTIVE_PREMIUM_THRESHOLD = 0.3;

    /** The alias the gateway-overhead harness sends as {@code model}. */
    public static final String BENCH_ALIAS = "gpt-4o-mini";

    /**
     * Per-minute limits of the benchmark's key: far above any rate the harness sends, so never reached, yet
     * present, so that every request is checked and counted in Redis as a limited production key's would be.
     */
    static final Map<String, Object> BENCH_KEY_LIMITS = Map.of("requestsPerMinute", 10_000_000,
            "tokensPerMinute", 1_000_000_000);

    /**
     * A provider for the benchmark's mock upstream, a model behind it and the route {@code gpt-4o-mini} the
     * harness asks for, so its traffic takes the full path (key, limits, routing decision, proxy, usage);
     * answers the key to send.
     */
    static String createBenchRoute(AdminApi registry, String teamId, String upstreamUrl) {
        String provider = id(registry.post("/api/v1/providers",
                Map.of("name", "bench-mock", "kind", "openai-compatible", "baseUrl", upstreamUrl)));
        String model = model(registry, provider, "mock-gpt-4o-mini", "gpt-4o-mini", "0.15", "0.60", "0.075");
        route(registry, BENCH_ALIAS, "static", List.of(target(model, 1)));
        return key(registry, teamId, "bench", BENCH_KEY_LIMITS);
    }

    static DemoCatalog create(AdminApi registry, String smallPoolUrl, String largePoolUrl) {
        String provider = id(registry.post("/api/v1/providers",
                Map.of("name", "local-simulator", "kind", "openai-compatible")));
        String small = model(registry, provider, SMALL_MODEL, SMALL_UPSTREAM, SMALL_INPUT_PER_MILLION,
                SMALL_OUTPUT_PER_MILLION, "0.015");
        String large = model(registry, provider, LARGE_MODEL, LARGE_UPSTREAM, "0.23", "0.40", "0.115");
        pool(registry, "pool-small", small, smallPoolUrl);
        pool(registry, "pool-large", large, largePoolUrl);

        route(registry, "fast", "static", List.of(target(small, 1)));
        route(registry, "smart", "static", List.of(target(large, 1)));
        route(registry, "auto", "weighted", List.of(target(small, 80), target(large, 20)));
        // Complexity routing with the feature scorer: easy prompts to the small model, demanding ones to the large.
        registry.post("/api/v1/routes", Map.of("alias", ADAPTIVE_ALIAS, "policy", Map.of("type", "complexity",
                "targets", List.of(target(small, 1), target(large, 1)), "parameters", Map.of("scorer", "features",
                        "tiers", Map.of("economy", List.of(small), "premium", List.of(large)),
                        "thresholds", Map.of("premium", ADAPTIVE_PREMIUM_THRESHOLD), "defaultTier", "economy"))));

        String tenant = id(registry.post("/api/v1/tenants", Map.of("name", "demo")));
        String search = id(registry.post("/api/v1/teams", Map.of("tenantId", tenant, "name", "search")));
        String support = id(registry.post("/api/v1/teams", Map.of("tenantId", tenant, "name", "support")));
        String searchKey = key(registry, search, "search-demo");
        String supportKey = key(registry, support, "support-demo");
        return new DemoCatalog(tenant, search, support, searchKey, supportKey, small, large);
    }

    private static String model(AdminApi registry, String provider, String name, String upstream, String input,
            String output, String cachedInput) {
        String model = id(registry.post("/api/v1/models", Map.of("providerId", provider, "name", name,
                "upstreamModel", upstream, "contextWindow", 131072, "capabilities", List.of("chat", "tools"),
                "status", "active")));
        registry.post("/api/v1/models/" + model + "/prices", Map.of("currency", "USD", "inputPerMillion", input,
                "outputPerMillion", output, "cachedInputPerMillion", cachedInput,
                "effectiveFrom", "2026-01-01T00:00:00Z"));
        return model;
    }

    private static void pool(AdminApi registry, String name, String model, String endpointUrl) {
        String pool = id(registry.post("/api/v1/pools", Map.of("name", name, "modelId", model, "region", "local")));
        registry.post("/api/v1/pools/" + pool + "/endpoints",
                Map.of("baseUrl", endpointUrl, "region", "local", "weight", 1, "state", "active"));
    }

    private static void route(AdminApi registry, String alias, String type, List<Map<String, Object>> targets) {
        registry.post("/api/v1/routes", Map.of("alias", alias, "policy", Map.of("type", type, "targets", targets)));
    }

    private static Map<String, Object> target(String modelId, int weight) {
        return Map.of("modelId", modelId, "weight", weight);
    }

    private static String key(AdminApi registry, String teamId, String name) {
        return key(registry, teamId, name, Map.of());
    }

    private static String key(AdminApi registry, String teamId, String name, Map<String, Object> limits) {
        Map<String, Object> body = new HashMap<>(limits);
        body.putAll(Map.of("teamId", teamId, "name", name, "tags", Map.of("environment", "local-demo")));
        JsonNode created = registry.post("/api/v1/keys", body);
        String key = created.path("key").asString("");
        if (!key.startsWith("sk-")) {
            throw new IllegalStateException("The registry did not return the new key: " + created);
        }
        return key;
    }

    private static String id(JsonNode created) {
        String id = created.path("id").asString("");
        if (id.isEmpty()) {
            throw new IllegalStateException("The registry answered without an id: " + created);
        }
        return id;
    }
}
