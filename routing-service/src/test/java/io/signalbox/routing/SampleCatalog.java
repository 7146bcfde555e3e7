package io.signalbox.routing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.signalbox.contracts.catalog.CatalogSnapshot;
import io.signalbox.contracts.catalog.EndpointInfo;
import io.signalbox.contracts.catalog.ModelInfo;
import io.signalbox.contracts.catalog.PoolInfo;
import io.signalbox.contracts.catalog.PriceSnapshot;
import io.signalbox.contracts.catalog.ProviderInfo;
import io.signalbox.contracts.catalog.RouteInfo;
import io.signalbox.contracts.catalog.RouteTarget;
import io.signalbox.contracts.decision.DecisionRequest;
import org.jspecify.annotations.Nullable;

/**
 * A small catalog with one of everything the engine has to handle: a self-hosted model on a pool
 * with active and draining endpoints, a provider-hosted model, a disabled model, a model whose pool
 * is fully drained and a model with nowhere to run; a weighted and two static routes.
 */
public final class SampleCatalog {

    public static final Instant GENERATED_AT = Instant.parse("2025-06-01T00:00:00Z");

    public static final Instant LLAMA_PRICE_CUT = Instant.parse("2025-03-01T00:00:00Z");

    public static final ProviderInfo OPENAI =
            new ProviderInfo("prov-openai", "openai", "openai", "https://api.openai.com/v1");

    public static final ProviderInfo LOCAL = new ProviderInfo("prov-local", "local-vllm", "openai-compatible", null);

    public static final PriceSnapshot LLAMA_LAUNCH_PRICE = price("price-llama-1", "mod-llama", "0.10", "0.20",
            Instant.parse("2025-01-01T00:00:00Z"));

    public static final PriceSnapshot LLAMA_CUT_PRICE = price("price-llama-2", "mod-llama", "0.05", "0.10",
            LLAMA_PRICE_CUT);

    public static final PriceSnapshot GPT_PRICE = price("price-gpt-1", "mod-gpt", "0.15", "0.60",
            Instant.parse("2024-07-18T00:00:00Z"));

    public static final ModelInfo LLAMA = new ModelInfo("mod-llama", LOCAL.id(), "llama-3.1-8b",
            "meta-llama/Llama-3.1-8B-Instruct", 131_072, Set.of("tools"), "active",
            List.of(LLAMA_LAUNCH_PRICE, LLAMA_CUT_PRICE));

    public static final ModelInfo GPT = new ModelInfo("mod-gpt", OPENAI.id(), "gpt-4o-mini",
            "gpt-4o-mini-2024-07-18", 128_000, Set.of("tools", "vision"), "active", List.of(GPT_PRICE));

    public static final ModelInfo LEGACY = new ModelInfo("mod-legacy", OPENAI.id(), "gpt-3.5-turbo",
            "gpt-3.5-turbo-0125", 16_385, Set.of(), "disabled", List.of());

    public static final ModelInfo MISTRAL = new ModelInfo("mod-mistral", LOCAL.id(), "mistral-7b",
            "mistralai/Mistral-7B-Instruct-v0.3", 32_768, Set.of(), "active", List.of());

    public static final ModelInfo QWEN = new ModelInfo("mod-qwen", LOCAL.id(), "qwen-2.5-7b",
            "Qwen/Qwen2.5-7B-Instruct", 32_768, Set.of(), "active", List.of());

    public static final PoolInfo LLAMA_POOL = new PoolInfo("pool-llama", "llama-eu", LLAMA.id(), "eu-west", List.of(
            endpoint("ep-llama-1", "pool-llama", "active", 1),
            endpoint("ep-llama-2", "pool-llama", "active", 1),
            endpoint("ep-llama-3", "pool-llama", "draining", 1)));

    public static final PoolInfo MISTRAL_POOL = new PoolInfo("pool-mistral", "mistral-eu", MISTRAL.id(), "eu-west",
            List.of(endpoint("ep-mistral-1", "pool-mistral", "draining", 1)));

    public static final RouteInfo AUTO = new RouteInfo("route-auto", "auto", "weighted",
            List.of(new RouteTarget(LLAMA.id(), 80), new RouteTarget(GPT.id(), 20)), 1);

    public static final RouteInfo SMART = new RouteInfo("route-smart", "smart", "static",
            List.of(new RouteTarget(GPT.id(), 1)), 1);

    public static final RouteInfo RETIRED = new RouteInfo("route-retired", "retired", "static",
            List.of(new RouteTarget(LEGACY.id(), 1)), 1);

    /** Added by {@link #withFastRoute}, to see a reload happen. */
    public static final RouteInfo FAST = new RouteInfo("route-fast", "fast", "static",
            List.of(new RouteTarget(LLAMA.id(), 1)), 2);

    private SampleCatalog() {
    }

    public static CatalogSnapshot snapshot(long version) {
        return snapshot(version, List.of(AUTO, SMART, RETIRED));
    }

    public static CatalogSnapshot withFastRoute(long version) {
        return snapshot(version, List.of(AUTO, SMART, RETIRED, FAST));
    }

    /** The sample catalog with extra routes, for cases the standard routes do not cover. */
    public static CatalogSnapshot withRoutes(long version, RouteInfo... extra) {
        List<RouteInfo> routes = new ArrayList<>(List.of(AUTO, SMART, RETIRED));
        routes.addAll(List.of(extra));
        return snapshot(version, routes);
    }

    public static DecisionRequest request(String model, @Nullable String stickyKey) {
        return new DecisionRequest("req-1", "tenant-1", "team-1", "key-1", model, "chat.completions", false, 42,
                null, Set.of(), null, Map.of(), stickyKey);
    }

    public static EndpointInfo endpoint(String id, String poolId, String state, int weight) {
        return new EndpointInfo(id, poolId, "http://127.0.0.1:9001/" + id + "/v1", "eu-west", state, weight);
    }

    public static PriceSnapshot price(String id, String modelId, String input, String output, Instant from) {
        return new PriceSnapshot(id, modelId, "USD", new BigDecimal(input), new BigDecimal(output),
                new BigDecimal(input).divide(BigDecimal.TWO), from);
    }

    private static CatalogSnapshot snapshot(long version, List<RouteInfo> routes) {
        return new CatalogSnapshot(version, GENERATED_AT, List.of(OPENAI, LOCAL),
                List.of(LLAMA, GPT, LEGACY, MISTRAL, QWEN), List.of(LLAMA_POOL, MISTRAL_POOL), routes);
    }
}
