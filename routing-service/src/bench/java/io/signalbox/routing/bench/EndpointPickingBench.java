package io.signalbox.routing.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.signalbox.contracts.catalog.CatalogSnapshot;
import io.signalbox.contracts.catalog.EndpointInfo;
import io.signalbox.contracts.catalog.ModelInfo;
import io.signalbox.contracts.catalog.PoolInfo;
import io.signalbox.contracts.catalog.ProviderInfo;
import io.signalbox.contracts.decision.DecisionRequest;
import io.signalbox.contracts.json.ContractJson;
import io.signalbox.routing.catalog.BenchCatalogs;
import io.signalbox.routing.catalog.CatalogHolder;
import io.signalbox.routing.decision.DecisionEngine;
import io.signalbox.routing.endpoint.EndpointPicker;
import io.signalbox.routing.endpoint.EndpointScraper;
import io.signalbox.routing.endpoint.EndpointSignalStore;
import io.signalbox.routing.endpoint.PrefixIndex;
import io.signalbox.routing.policy.PolicyRegistry;
import io.signalbox.routing.policy.StaticPolicy;
import io.signalbox.simulator.endpoint.EndpointSpec;
import io.signalbox.simulator.engine.EngineSpec;
import io.signalbox.simulator.engine.EngineStats;
import io.signalbox.simulator.server.SimulatedEndpoint;
import io.signalbox.simulator.server.SimulatorServer;

/**
 * Endpoint picking, measured end to end against the inference simulator's vLLM-like engines: 8 endpoints of one
 * pool, a shared-prefix workload (128 tenants, each with its own ~2,000-token system prompt, plus a unique
 * ~100-token question; 16 output tokens, streamed), open-loop Poisson arrivals. Three pickers:
 * <ul>
 * <li>{@code round-robin}: the next endpoint in turn, no router involved;</li>
 * <li>{@code least-queue}: the routing engine with the endpoint picker's queue scorer only;</li>
 * <li>{@code full}: the routing engine with the default scorer set (prefix affinity 3, queue 2, KV cache 1).</li>
 * </ul>
 * The routing engine runs in this process with its real scraper (200 ms, reading each endpoint's
 * {@code /metrics}), signal store, prefix index and picker; each request's prompt goes to it exactly as the
 * gateway forwards it. Time to first token is measured by the client from the request's scheduled send time (so
 * queueing in the client is not hidden) to the first streamed chunk.
 *
 * <p>The engine is sized so that prefill is the bottleneck and the KV cache of one endpoint holds about a third of
 * all tenants' prefixes: 16 sequences at once, 6,144 blocks of 16 tokens, prefill 20,000 tokens/s, base TTFT 30 ms,
 * 8 ms per output token. "Load" is the share of the fleet's prefill capacity that round-robin keeps busy at a
 * rate, as the engines themselves count it (uncached prompt tokens / prefill speed / time).
 *
 * <p>Usage: {@code EndpointPickingBench [rates=60,70,80] [duration=60] [warmup=20] [strategies=round-robin,least-queue,full]}
 */
public final class EndpointPickingBench {

    private static final int ENDPOINTS = 8;

    private static final int TENANTS = 128;

    private static final int SYSTEM_PROMPT_CHARS = 8_000;

    private static final int OUTPUT_TOKENS = 16;

    private static final long PREFILL_TOKENS_PER_SECOND = 20_000;

    private static final String MODEL = "llama-3.1-8b";

    private EndpointPickingBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>(Map.of("rates", "60,70,80", "duration", "60", "warmup", "20",
                "strategies", "round-robin,least-queue,full"));
        for (String arg : args) {
            String[] pair = arg.split("=", 2);
            if (pair.length != 2 || !options.containsKey(pair[0])) {
                throw new IllegalArgumentException("Unknown argument '" + arg + "'; expected one of " + options.keySet());
            }
            options.put(pair[0], pair[1]);
        }
        Duration duration = Duration.ofSeconds(Long.parseLong(options.get("duration")));
        Duration warmup = Duration.ofSeconds(Long.parseLong(options.get("warmup")));
        List<String> systemPrompts = new ArrayList<>();
        for (int tenant = 0; tenant < TENANTS; tenant++) {
            systemPrompts.add(systemPrompt(tenant));
        }
        StringBuilder table = new StringBuilder("""
                | rate (req/s) | picker | load (prefill busy) | completed/s | output tok/s | TTFT p50 | TTFT p90 | TTFT p99 | prefix-cache hit rate | busiest endpoint / mean |
                |---|---|---|---|---|---|---|---|---|---|
                """);
        for (String rate : options.get("rates").split(",")) {
            for (String strategy : options.get("strategies").split(",")) {
                Result result = run(strategy.trim(), Double.parseDouble(rate), warmup, duration, systemPrompts);
                String row = String.format(Locale.ROOT, "| %s | %s | %.0f%% | %.1f | %.0f | %.0f ms | %.0f ms | %.0f ms | %.0f%% | %.2f |%n",
                        rate, strategy, 100 * result.prefillBusy(), result.completedPerSecond(), result.outputTokensPerSecond(),
                        result.ttftMillis(0.50), result.ttftMillis(0.90), result.ttftMillis(0.99), 100 * result.prefixHitRate(),
                        result.busiestOverMean());
                System.err.print(row);
                table.append(row);
            }
        }
        System.out.print(table);
        Path report = Path.of("target", "endpoint-picking.md");
        Files.createDirectories(report.getParent());
        Files.writeString(report, table);
        System.err.println("wrote " + report.toAbsolutePath());
    }

    private record Result(double[] ttftsMillis, double completedPerSecond, double outputTokensPerSecond,
            double prefixHitRate, double prefillBusy, double busiestOverMean) {

        double ttftMillis(double quantile) {
            if (ttftsMillis.length == 0) {
                return Double.NaN;
            }
            return ttftsMillis[Math.min(ttftsMillis.length - 1, (int) Math.ceil(quantile * ttftsMillis.length) - 1)];
        }
    }

    private interface Picker {

        String baseUrl(int tenant, List<DecisionRequest.PromptMessage> prompt);
    }

    private static Result run(String strategy, double rate, Duration warmup, Duration duration, List<String> systemPrompts)
            throws Exception {
        List<EndpointSpec> specs = new ArrayList<>();
        for (int i = 0; i < ENDPOINTS; i++) {
            specs.add(EndpointSpec.builder("ep-" + i, MODEL).ttft(Duration.ofMillis(30))
                    .timePerOutputToken(Duration.ofMillis(8)).outputTokens(OUTPUT_TOKENS, OUTPUT_TOKENS)
                    .contextWindow(8_192).seed(i).requestLogSize(0)
                    .engine(EngineSpec.h100Llama8b().withMaxRunningSequences(16).withKvCache(6_144, 16)
                            .withPrefillTokensPerSecond(PREFILL_TOKENS_PER_SECOND))
                    .build());
        }
        try (SimulatorServer simulator = SimulatorServer.start(specs);
                ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor()) {
            List<SimulatedEndpoint> endpoints = simulator.endpoints();
            Map<String, AtomicInteger> perEndpoint = new ConcurrentHashMap<>();
            endpoints.forEach(e -> perEndpoint.put(e.baseUrl(), new AtomicInteger()));
            EndpointScraper scraper = null;
            Picker picker;
            if (strategy.equals("round-robin")) {
                AtomicLong turn = new AtomicLong();
                picker = (tenant, prompt) -> endpoints.get((int) (turn.getAndIncrement() % ENDPOINTS)).baseUrl();
            }
            else {
                EndpointPicker.Settings settings = switch (strategy) {
                    case "least-queue" -> new EndpointPicker.Settings(0, 1, 0, 0, 5, 0.9);
                    case "full" -> EndpointPicker.Settings.defaults();
                    default -> throw new IllegalArgumentException("Unknown picker '" + strategy
                            + "'; expected round-robin, least-queue or full");
                };
                CatalogHolder catalog = BenchCatalogs.holding(catalog(endpoints));
                EndpointSignalStore signals = new EndpointSignalStore(Duration.ofSeconds(1));
                scraper = new EndpointScraper(catalog, signals, Duration.ofMillis(200), Duration.ofMillis(150),
                        new SimpleMeterRegistry());
                scraper.start();
                DecisionEngine engine = new DecisionEngine(catalog, new PolicyRegistry(List.of(new StaticPolicy())),
                        Clock.systemUTC(), ThreadLocalRandom::current,
                        new EndpointPicker(signals, new PrefixIndex(64, 256, 100_000), settings), signals);
                awaitFirstScrape(signals, endpoints);
                picker = (tenant, prompt) -> engine.decide(new DecisionRequest("bench", "tenant-" + tenant, "team",
                        "key", MODEL, "chat.completions", true, 2_100, OUTPUT_TOKENS, Set.of(), null, Map.of(), null,
                        prompt, null)).targets().getFirst().baseUrl();
            }
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
            ConcurrentLinkedQueue<Double> ttfts = new ConcurrentLinkedQueue<>();
            LongAdder completedInWindow = new LongAdder();
            LongAdder failures = new LongAdder();
            SplittableRandom random = new SplittableRandom(2026);
            long start = System.nanoTime();
            long windowStart = start + warmup.toNanos();
            long windowEnd = windowStart + duration.toNanos();
            long[] statsAtWindowStart = null;
            double next = start;
            int sequence = 0;
            while (next < windowEnd) {
                next += -Math.log(1 - random.nextDouble()) / rate * 1e9;
                long sendAt = (long) next;
                if (statsAtWindowStart == null && sendAt >= windowStart) {
                    sleepUntil(windowStart);
                    statsAtWindowStart = totals(endpoints);
                }
                sleepUntil(sendAt);
                int tenant = random.nextInt(TENANTS);
                int id = sequence++;
                boolean measured = sendAt >= windowStart && sendAt < windowEnd;
                List<DecisionRequest.PromptMessage> prompt = List.of(
                        new DecisionRequest.PromptMessage("system", systemPrompts.get(tenant)),
                        new DecisionRequest.PromptMessage("user", question(id)));
                requests.submit(() -> {
                    try {
                        String baseUrl = picker.baseUrl(tenant, prompt);
                        if (measured) {
                            perEndpoint.get(baseUrl).incrementAndGet();
                        }
                        double ttft = stream(http, baseUrl, prompt, sendAt);
                        if (measured) {
                            ttfts.add(ttft);
                        }
                        long done = System.nanoTime();
                        if (done >= windowStart && done < windowEnd) {
                            completedInWindow.increment();
                        }
                    }
                    catch (Exception e) {
                        failures.increment();
                        if (failures.sum() <= 5) {
                            System.err.println("request failed: " + e);
                        }
                    }
                    return null;
                });
            }
            sleepUntil(windowEnd);
            long[] statsAtWindowEnd = totals(endpoints);
            requests.shutdown();
            if (!requests.awaitTermination(2, TimeUnit.MINUTES)) {
                System.err.println("requests still running after 2 minutes; cutting them off");
                requests.shutdownNow();
            }
            if (scraper != null) {
                scraper.stop();
            }
            http.close();
            double seconds = duration.toNanos() / 1e9;
            double queries = statsAtWindowEnd[0] - statsAtWindowStart[0];
            double hits = statsAtWindowEnd[1] - statsAtWindowStart[1];
            double prefillSeconds = (queries - hits) / PREFILL_TOKENS_PER_SECOND;
            double[] sorted = ttfts.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            int[] counts = perEndpoint.values().stream().mapToInt(AtomicInteger::get).toArray();
            double mean = Arrays.stream(counts).average().orElse(0);
            if (failures.sum() > 0) {
                System.err.printf("%s at %.0f req/s: %d requests failed%n", strategy, rate, failures.sum());
            }
            System.err.printf("%s at %.0f req/s: requests per endpoint %s%n", strategy, rate, Arrays.toString(counts));
            return new Result(sorted, completedInWindow.sum() / seconds,
                    (statsAtWindowEnd[2] - statsAtWindowStart[2]) / seconds, queries == 0 ? 0 : hits / queries,
                    prefillSeconds / seconds / ENDPOINTS, mean == 0 ? 0 : Arrays.stream(counts).max().orElse(0) / mean);
        }
    }

    /** Streams one chat completion; returns the milliseconds from {@code sentAtNanos} to the first chunk. */
    private static double stream(HttpClient http, String baseUrl, List<DecisionRequest.PromptMessage> prompt,
            long sentAtNanos) throws IOException, InterruptedException {
        String body = ContractJson.toJson(Map.of("model", MODEL, "stream", true, "max_tokens", OUTPUT_TOKENS,
                "messages", prompt.stream().map(m -> Map.of("role", m.role(), "content", m.content())).toList()));
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/chat/completions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            response.body().close();
            throw new IOException("HTTP " + response.statusCode() + " from " + baseUrl);
        }
        double ttft = Double.NaN;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("data:")) {
                    if (Double.isNaN(ttft)) {
                        ttft = (System.nanoTime() - sentAtNanos) / 1e6;
                    }
                    if (line.contains("[DONE]")) {
                        break;
                    }
                }
            }
        }
        if (Double.isNaN(ttft)) {
            throw new IOException("no chunk from " + baseUrl);
        }
        return ttft;
    }

    /** Prefix-cache queries, prefix-cache hits and generated tokens, summed over the fleet. */
    private static long[] totals(List<SimulatedEndpoint> endpoints) {
        long[] totals = new long[3];
        for (SimulatedEndpoint endpoint : endpoints) {
            EngineStats stats = endpoint.engineStats();
            totals[0] += stats.prefixCacheQueries();
            totals[1] += stats.prefixCacheHits();
            totals[2] += stats.generationTokens();
        }
        return totals;
    }

    private static CatalogSnapshot catalog(List<SimulatedEndpoint> endpoints) {
        ProviderInfo local = new ProviderInfo("prov-local", "local-vllm", "openai-compatible", null);
        ModelInfo model = new ModelInfo("mod-llama", local.id(), MODEL, MODEL, 8_192, Set.of(), "active", List.of());
        List<EndpointInfo> infos = endpoints.stream().map(e -> new EndpointInfo(e.name(), "pool-llama", e.baseUrl(),
                "local", "active", 1, e.rootUrl() + "/metrics")).toList();
        return new CatalogSnapshot(1, Instant.now(), List.of(local), List.of(model),
                List.of(new PoolInfo("pool-llama", "llama", model.id(), "local", infos)), List.of());
    }

    private static String systemPrompt(int tenant) {
        SplittableRandom random = new SplittableRandom(tenant);
        StringBuilder text = new StringBuilder("You are the assistant of tenant " + tenant + ". Policies follow. ");
        String[] words = {"refund", "invoice", "shipping", "warranty", "account", "escalate", "politely", "order",
            "customer", "article", "never", "always", "within", "days", "support", "premium", "basic", "region"};
        while (text.length() < SYSTEM_PROMPT_CHARS) {
            text.append(words[random.nextInt(words.length)]).append(' ');
        }
        return text.toString();
    }

    private static String question(int id) {
        return "Question " + id + ": a customer writes that their order arrived damaged and the invoice shows the wrong "
                + "address; they want a refund and a corrected invoice before the end of the month. What do we answer, "
                + "which article applies, and do we need to escalate? Please keep it short. Ref " + id;
    }

    /** Load starts once the scraper has read every endpoint, so the first decisions are not made blind. */
    private static void awaitFirstScrape(EndpointSignalStore signals, List<SimulatedEndpoint> endpoints)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (endpoints.stream().anyMatch(e -> signals.fresh(e.name(), System.nanoTime()).isEmpty())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the scraper read no metrics from the simulated endpoints in 10 s");
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }
}
