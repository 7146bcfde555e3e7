package io.signalbox.routing.decision;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.signalbox.contracts.json.ContractJson;
import io.signalbox.contracts.budget.BudgetStatus;
import io.signalbox.contracts.catalog.CatalogSnapshot;
import io.signalbox.contracts.catalog.EndpointInfo;
import io.signalbox.contracts.catalog.ModelInfo;
import io.signalbox.contracts.catalog.PoolInfo;
import io.signalbox.contracts.catalog.PriceSnapshot;
import io.signalbox.contracts.catalog.ProviderInfo;
import io.signalbox.contracts.catalog.RouteInfo;
import io.signalbox.contracts.catalog.RouteTarget;
import io.signalbox.contracts.catalog.TenantInfo;
import io.signalbox.contracts.decision.DecisionRequest;
import io.signalbox.contracts.decision.DecisionResponse;
import io.signalbox.routing.budget.BudgetStates;
import io.signalbox.routing.catalog.Catalog;
import io.signalbox.routing.complexity.HeadFile;
import io.signalbox.routing.complexity.HeadTrainer;
import io.signalbox.routing.embedding.MiniLmEmbedder;
import io.signalbox.routing.endpoint.EndpointPicker;
import io.signalbox.routing.endpoint.EndpointSignalStore;
import io.signalbox.routing.endpoint.PrefixIndex;
import io.signalbox.routing.health.EndpointHealthStore;
import io.signalbox.routing.policy.ComplexityPolicy;
import io.signalbox.routing.policy.CostAwarePolicy;
import io.signalbox.routing.policy.FallbackPolicy;
import io.signalbox.routing.policy.LatencyAwarePolicy;
import io.signalbox.routing.policy.PolicyRegistry;
import io.signalbox.routing.policy.SemanticPolicy;
import io.signalbox.routing.policy.StaticPolicy;
import io.signalbox.routing.policy.TieredPolicy;
import io.signalbox.routing.policy.WeightedPolicy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How long {@link DecisionEngine} takes for one decision against a catalog of 100 models (50 hosted by
 * providers, 50 self-hosted on pools of 20 endpoints each: 1,000 endpoints with fresh vLLM metrics), one
 * benchmark per policy. Every request carries a realistic prompt (a ~1.5 KiB system prompt shared by its
 * tenant plus a user turn), so the endpoint picker hashes prefix blocks and the scorers read real text.
 * Every request's tenant has an allow-list (naming all routes) and its team a budget within limits, so those hard
 * constraints run as they would in production. Sample mode: JMH reports p50, p90, p99 and p99.9 per decision.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g", "--enable-native-access=ALL-UNNAMED",
    "-Dlogback.configurationFile=bench-logback.xml"})
public class DecisionLatencyBench {

    private static final int HOSTED_MODELS = 50;

    private static final int SELF_HOSTED_MODELS = 50;

    private static final int ENDPOINTS_PER_POOL = 20;

    private static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");

    private static final String[] USER_TURNS = {
        "What is the capital of France?",
        "Summarise the following meeting notes in three bullet points: the team agreed to move the launch to "
                + "March, marketing needs the final screenshots by February 10th and support wants a FAQ.",
        "Write a Java method that merges two sorted linked lists in O(n) time and explain why it is correct.",
        "Prove that the square root of 2 is irrational, step by step, and then generalise the argument to "
                + "the square root of any prime number.",
        "Translate into German: the invoice is attached, please pay within thirty days.",
        "Given the function f(x) = x^3 - 6x^2 + 9x + 1, find all local extrema and inflection points, then "
                + "sketch the graph and justify each step.",
        "hi",
        "Refactor this SQL so it uses a window function instead of a correlated subquery: SELECT e.name, "
                + "(SELECT MAX(salary) FROM emp x WHERE x.dept = e.dept) FROM emp e;",
    };

    private DecisionEngine engine;

    private Catalog catalog;

    private EndpointSignalStore signals;

    private List<String> endpointIds;

    private List<List<DecisionRequest.PromptMessage>> prompts;

    @Setup
    public void setUp() {
        signals = new EndpointSignalStore(Duration.ofDays(1));
        EndpointPicker picker = new EndpointPicker(signals, new PrefixIndex(64, 256, 100_000),
                EndpointPicker.Settings.defaults());
        PolicyRegistry policies = new PolicyRegistry(List.of(new StaticPolicy(),
                new WeightedPolicy(ThreadLocalRandom::current), new FallbackPolicy(), new CostAwarePolicy(),
                new LatencyAwarePolicy(), new TieredPolicy(), new ComplexityPolicy(MiniLmEmbedder::shared),
                new SemanticPolicy(MiniLmEmbedder::shared)));
        // Every request's tenant has an allow-list and its team a budget, so those checks are measured too.
        BudgetStates budgets = new BudgetStates();
        for (int team = 0; team < 16; team++) {
            budgets.apply(new BudgetStatus("budget-" + team, "team", "team-" + team, "2026-10", NOW.minusSeconds(86_400),
                    NOW.plusSeconds(86_400 * 29L), "USD", BigDecimal.TEN, null, new BigDecimal("1000"), BudgetStatus.OK,
                    NOW));
        }
        engine = new DecisionEngine(new io.signalbox.routing.catalog.CatalogHolder(), policies,
                Clock.fixed(NOW, java.time.ZoneOffset.UTC), ThreadLocalRandom::current, picker, signals, budgets,
                new EndpointHealthStore(Duration.ofMinutes(5)));
        catalog = Catalog.of(catalog());
        endpointIds = catalog.pools().stream().flatMap(p -> p.endpoints().stream()).map(EndpointInfo::id).toList();
        scrape();
        SplittableRandom random = new SplittableRandom(7);
        prompts = new ArrayList<>();
        for (int tenant = 0; tenant < 16; tenant++) {
            String system = systemPrompt(tenant);
            for (String turn : USER_TURNS) {
                prompts.add(List.of(new DecisionRequest.PromptMessage("system", system),
                        new DecisionRequest.PromptMessage("user", turn + " (request " + random.nextInt(1000) + ")")));
            }
        }
        // Builds each route's scorer once (the embedder loads on first use), as the first request would.
        for (String route : List.of("static", "weighted", "fallback", "cost", "latency", "tiered", "complexity-features",
                "complexity-logistic", "complexity-knn", "semantic")) {
            engine.decide(catalog, request(route, 0), false);
        }
    }

    /** A fresh scrape of every endpoint per iteration, so queue counts do not drift from routed requests alone. */
    @Setup(Level.Iteration)
    public void scrape() {
        SplittableRandom random = new SplittableRandom(11);
        long now = System.nanoTime();
        for (String id : endpointIds) {
            signals.record(id, """
                    vllm:num_requests_running %d
                    vllm:num_requests_waiting %d
                    vllm:kv_cache_usage_perc %.2f
                    vllm:time_to_first_token_seconds_sum %.3f
                    vllm:time_to_first_token_seconds_count 100
                    """.formatted(random.nextInt(8), random.nextInt(4), random.nextDouble(0.2, 0.8),
                    random.nextDouble(5, 40)), now);
        }
    }

    private int next;

    private DecisionRequest nextRequest(String model) {
        next = (next + 1) % prompts.size();
        return request(model, next);
    }

    private DecisionRequest request(String model, int prompt) {
        return new DecisionRequest("req-bench", "tenant-" + (prompt % 16), "team-" + (prompt % 16), "key-1", model,
                "chat.completions", false, 600, 256, Set.of(), null, Map.of(), null, prompts.get(prompt), null);
    }

    @Benchmark
    public DecisionResponse staticSelfHosted() {
        return engine.decide(catalog, nextRequest("static"), false);
    }

    @Benchmark
    public DecisionResponse weighted() {
        return engine.decide(catalog, nextRequest("weighted"), false);
    }

    @Benchmark
    public DecisionResponse fallback() {
        return engine.decide(catalog, nextRequest("fallback"), false);
    }

    @Benchmark
    public DecisionResponse costAware() {
        return engine.decide(catalog, nextRequest("cost"), false);
    }

    @Benchmark
    public DecisionResponse latencyAware() {
        return engine.decide(catalog, nextRequest("latency"), false);
    }

    @Benchmark
    public DecisionResponse tiered() {
        return engine.decide(catalog, nextRequest("tiered"), false);
    }

    @Benchmark
    public DecisionResponse complexityFeatures() {
        return engine.decide(catalog, nextRequest("complexity-features"), false);
    }

    @Benchmark
    public DecisionResponse costAwareExplained() {
        return engine.decide(catalog, nextRequest("cost"), true);
    }

    @Benchmark
    public DecisionResponse complexityEmbeddingLogistic() {
        return engine.decide(catalog, nextRequest("complexity-logistic"), false);
    }

    @Benchmark
    public DecisionResponse complexityEmbeddingKnn() {
        return engine.decide(catalog, nextRequest("complexity-knn"), false);
    }

    @Benchmark
    public DecisionResponse complexityEmbeddingEnsemble() {
        return engine.decide(catalog, nextRequest("complexity-ensemble"), false);
    }

    @Benchmark
    public DecisionResponse semantic() {
        return engine.decide(catalog, nextRequest("semantic"), false);
    }

    private static String systemPrompt(int tenant) {
        StringBuilder text = new StringBuilder("You are the support assistant of tenant " + tenant + ". ");
        while (text.length() < 1_500) {
            text.append("Answer politely and precisely, cite the knowledge-base article you used, never invent order "
                    + "numbers, escalate refunds above 500 EUR to a human, and keep answers under 200 words. ");
        }
        return text.toString();
    }

    private static CatalogSnapshot catalog() {
        ProviderInfo openai = new ProviderInfo("prov-openai", "openai", "openai", "https://api.openai.com/v1");
        ProviderInfo local = new ProviderInfo("prov-local", "local-vllm", "openai-compatible", null);
        String[] tiers = {"economy", "standard", "premium"};
        List<ModelInfo> models = new ArrayList<>();
        List<PoolInfo> pools = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < HOSTED_MODELS + SELF_HOSTED_MODELS; i++) {
            boolean hosted = i < HOSTED_MODELS;
            String id = "mod-" + i;
            PriceSnapshot price = new PriceSnapshot("price-" + i, id, "USD",
                    BigDecimal.valueOf(random.nextInt(5, 15_000), 3), BigDecimal.valueOf(random.nextInt(20, 60_000), 3),
                    BigDecimal.ZERO, Instant.parse("2026-01-01T00:00:00Z"), null);
            models.add(new ModelInfo(id, hosted ? openai.id() : local.id(), "model-" + i, "upstream-model-" + i, 128_000,
                    Set.of("tools"), "active", List.of(price), "family-" + (i % 10), 16_384, tiers[i % 3], null, null));
            if (!hosted) {
                List<EndpointInfo> endpoints = new ArrayList<>();
                for (int e = 0; e < ENDPOINTS_PER_POOL; e++) {
                    String endpointId = "ep-" + i + "-" + e;
                    endpoints.add(new EndpointInfo(endpointId, "pool-" + i, "http://10.0." + i + "." + e + ":8000/v1",
                            "eu-west", "active", 1, "http://10.0." + i + "." + e + ":8000/metrics"));
                }
                pools.add(new PoolInfo("pool-" + i, "pool-" + i, id, "eu-west", endpoints));
            }
        }
        List<RouteInfo> routes = List.of(
                route("static", "static", Map.of(), HOSTED_MODELS),
                route("weighted", "weighted", Map.of(), 0, HOSTED_MODELS, 1, HOSTED_MODELS + 1),
                route("fallback", "fallback", Map.of("maxAttempts", 3), HOSTED_MODELS, 0, HOSTED_MODELS + 1, 1, 2),
                route("cost", "cost-aware", Map.of("minQualityTier", "standard"), range(40, 60)),
                route("latency", "latency-aware", Map.of("tolerancePercent", 10), range(HOSTED_MODELS, HOSTED_MODELS + 10)),
                route("tiered", "tiered", Map.of("tiers", Map.of("economy", List.of("mod-50", "mod-53"), "premium",
                        List.of("mod-2", "mod-5")), "defaultTier", "economy"), 50, 53, 2, 5),
                route("complexity-features", "complexity", complexity("features", null), 50, 53, 2, 5),
                route("complexity-logistic", "complexity", complexity("embedding", logisticHead()), 50, 53, 2, 5),
                route("complexity-knn", "complexity", complexity("embedding", knnHead()), 50, 53, 2, 5),
                route("complexity-ensemble", "complexity", complexity("embedding", ensembleHead()), 50, 53, 2, 5),
                route("semantic", "semantic", Map.of("threshold", 0.3, "categories", List.of(
                        Map.of("name", "code", "examples", List.of("fix this java stack trace", "write a python function",
                                "refactor this SQL query", "why does my build fail"), "modelIds", List.of("mod-2")),
                        Map.of("name", "math", "examples", List.of("solve this equation", "prove the theorem",
                                "compute the integral", "find the derivative"), "modelIds", List.of("mod-5")),
                        Map.of("name", "chat", "examples", List.of("tell me a joke", "how are you today",
                                "translate this sentence", "summarise these notes"), "modelIds", List.of("mod-50")))),
                        50, 2, 5));
        List<String> aliases = routes.stream().map(RouteInfo::alias).toList();
        List<TenantInfo> tenants = new ArrayList<>();
        for (int tenant = 0; tenant < 16; tenant++) {
            tenants.add(new TenantInfo("tenant-" + tenant, "tenant " + tenant, aliases, List.of()));
        }
        return new CatalogSnapshot(1, NOW, List.of(openai, local), models, pools, routes, tenants, List.of());
    }

    private static int[] range(int from, int to) {
        return java.util.stream.IntStream.range(from, to).toArray();
    }

    private static RouteInfo route(String alias, String policy, Map<String, Object> parameters, int... models) {
        List<RouteTarget> targets = new ArrayList<>();
        for (int model : models) {
            targets.add(new RouteTarget("mod-" + model, 1));
        }
        return new RouteInfo("route-" + alias, alias, policy, targets, 1, parameters);
    }

    private static Map<String, Object> complexity(String scorer, HeadFile head) {
        Map<String, Object> parameters = new java.util.HashMap<>(Map.of(
                "tiers", Map.of("economy", List.of("mod-50", "mod-53"), "premium", List.of("mod-2", "mod-5")),
                "thresholds", Map.of("premium", 0.5), "defaultTier", "economy", "scorer", scorer));
        if (head != null) {
            parameters.put("head", ContractJson.fromJson(head.toJson(), Map.class));
        }
        return parameters;
    }

    /** A logistic head over random training data: its cost, not its judgement, is what is measured. */
    private static HeadFile logisticHead() {
        TrainingData data = TrainingData.random(500);
        return new HeadFile(HeadFile.FORMAT, HeadFile.MINILM, "mod-2", "mod-50", data.x().size(), 0.5, null,
                HeadTrainer.logistic(data.x(), data.y(), new HeadTrainer.LogisticOptions(20, 0.05, 1e-3)));
    }

    /** A kNN head with 2,000 exemplars (k=50): one dot product per exemplar per decision. */
    private static HeadFile knnHead() {
        TrainingData data = TrainingData.random(2_000);
        return new HeadFile(HeadFile.FORMAT, HeadFile.MINILM, "mod-2", "mod-50", data.x().size(), 0.5, null,
                HeadTrainer.knn(data.x(), data.y(), 50));
    }

    /** An ensemble head (logistic + kNN over 2,000 exemplars + features), the most accurate and the dearest. */
    private static HeadFile ensembleHead() {
        TrainingData data = TrainingData.random(2_000);
        List<String> prompts = java.util.stream.IntStream.range(0, data.x().size())
                .mapToObj(i -> USER_TURNS[i % USER_TURNS.length]).toList();
        return new HeadFile(HeadFile.FORMAT, HeadFile.MINILM, "mod-2", "mod-50", data.x().size(), 0.5, null,
                HeadTrainer.ensemble(data.x(), prompts, data.y(), 50));
    }

    private record TrainingData(List<float[]> x, double[] y) {

        static TrainingData random(int n) {
            SplittableRandom random = new SplittableRandom(5);
            List<float[]> x = new ArrayList<>();
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                float[] vector = new float[MiniLmEmbedder.DIMENSION];
                double norm = 0;
                for (int j = 0; j < vector.length; j++) {
                    vector[j] = (float) random.nextGaussian();
                    norm += vector[j] * vector[j];
                }
                for (int j = 0; j < vector.length; j++) {
                    vector[j] /= (float) Math.sqrt(norm);
                }
                x.add(vector);
                y[i] = random.nextInt(3) / 2.0;
            }
            return new TrainingData(x, y);
        }
    }
}
