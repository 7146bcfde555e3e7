package io.signalbox.simulator.endpoint;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

import io.signalbox.simulator.engine.EngineSpec;
import io.signalbox.simulator.faults.FaultSpec;
import org.jspecify.annotations.Nullable;

/**
 * Configuration of one simulated endpoint. Start from {@link #of(String, String...)} or
 * {@link #builder(String, String...)}, which apply the defaults below; the constructor checks every value so a
 * bad test setup fails where it is written.
 *
 * @param name unique name within a {@code SimulatorServer}, used to look the endpoint up
 * @param host address to bind, default {@value #DEFAULT_HOST}
 * @param port port to bind, 0 for a free port (default)
 * @param models model names this endpoint serves; any other model is answered 404 {@code model_not_found}
 * @param ttft base time to first token of an idle engine (scheduling and the last prompt token), added to any
 *     queue wait and uncached prefill; default 25 ms
 * @param timePerOutputToken time between output tokens with the sequence alone in the batch; default 5 ms
 * @param minOutputTokens shortest natural answer, default {@value #DEFAULT_MIN_OUTPUT_TOKENS}
 * @param maxOutputTokens longest natural answer, default {@value #DEFAULT_MAX_OUTPUT_TOKENS}
 * @param contextWindow prompt plus completion tokens the models accept, default {@value #DEFAULT_CONTEXT_WINDOW}
 * @param seed seed of the deterministic text, default 0
 * @param requestLogSize how many recent requests are kept for {@code /sim/requests}, default
 *     {@value #DEFAULT_REQUEST_LOG_SIZE}; 0 keeps none
 * @param loraAdapters model names served as LoRA adapters of the first model: they take an adapter slot of
 *     the engine and have a prefix cache of their own; default none
 * @param engine batching, KV cache, prefill and decode capacity; default {@link EngineSpec#unbounded()} (with
 *     room for at least one full context window), which keeps TTFT and TPOT fixed
 * @param faults faults injected from the start, default {@link FaultSpec#none()}; replaceable at run time
 * @param embeddingDimensions components of the unit vectors {@code /v1/embeddings} returns, default
 *     {@value #DEFAULT_EMBEDDING_DIMENSIONS} (the size of small sentence-embedding models such as all-MiniLM-L6-v2
 *     and bge-small)
 */
public record EndpointSpec(
        String name,
        String host,
        int port,
        List<String> models,
        Duration ttft,
        Duration timePerOutputToken,
        int minOutputTokens,
        int maxOutputTokens,
        int contextWindow,
        long seed,
        int requestLogSize,
        List<String> loraAdapters,
        EngineSpec engine,
        FaultSpec faults,
        int embeddingDimensions) {

    public static final String DEFAULT_HOST = "127.0.0.1";

    public static final Duration DEFAULT_TTFT = Duration.ofMillis(25);

    public static final Duration DEFAULT_TIME_PER_OUTPUT_TOKEN = Duration.ofMillis(5);

    public static final int DEFAULT_MIN_OUTPUT_TOKENS = 16;

    public static final int DEFAULT_MAX_OUTPUT_TOKENS = 64;

    public static final int DEFAULT_CONTEXT_WINDOW = 8192;

    public static final int DEFAULT_REQUEST_LOG_SIZE = 200;

    public static final int DEFAULT_EMBEDDING_DIMENSIONS = 384;

    public EndpointSpec {
        requireText(name, "name");
        requireText(host, "host");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        models = List.copyOf(models);
        if (models.isEmpty()) {
            throw new IllegalArgumentException("endpoint '" + name + "' must serve at least one model");
        }
        models.forEach(model -> requireText(model, "model name"));
        if (new HashSet<>(models).size() != models.size()) {
            throw new IllegalArgumentException("endpoint '" + name + "' lists a model twice: " + models);
        }
        requireNotNegative(ttft, "ttft");
        requireNotNegative(timePerOutputToken, "timePerOutputToken");
        if (minOutputTokens < 1 || maxOutputTokens < minOutputTokens) {
            throw new IllegalArgumentException("output token range must satisfy 1 <= min <= max, was "
                    + minOutputTokens + ".." + maxOutputTokens);
        }
        if (contextWindow < 1) {
            throw new IllegalArgumentException("context window must be positive, was " + contextWindow);
        }
        if (requestLogSize < 0) {
            throw new IllegalArgumentException("request log size must not be negative, was " + requestLogSize);
        }
        loraAdapters = List.copyOf(loraAdapters);
        loraAdapters.forEach(adapter -> requireText(adapter, "LoRA adapter name"));
        List<String> served = new ArrayList<>(models);
        served.addAll(loraAdapters);
        if (new HashSet<>(served).size() != served.size()) {
            throw new IllegalArgumentException("endpoint '" + name + "' lists a model or adapter twice: " + served);
        }
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(faults, "faults");
        if (embeddingDimensions < 1) {
            throw new IllegalArgumentException("embedding dimensions must be positive, was " + embeddingDimensions);
        }
        if (engine.kvCacheTokens() < contextWindow) {
            throw new IllegalArgumentException("endpoint '" + name + "': a KV cache of " + engine.kvCacheTokens()
                    + " tokens cannot hold one context window of " + contextWindow + " tokens");
        }
    }

    /** An endpoint with all defaults, on a free port. */
    public static EndpointSpec of(String name, String... models) {
        return builder(name, models).build();
    }

    public static Builder builder(String name, String... models) {
        return new Builder(name, List.of(models));
    }

    public boolean serves(String model) {
        return models.contains(model) || loraAdapters.contains(model);
    }

    /** The LoRA adapter a model name selects, {@code null} for a base model. */
    public @Nullable String adapterOf(String model) {
        return loraAdapters.contains(model) ? model : null;
    }

    /** Base models, then adapters: every name {@code /v1/models} lists. */
    public List<String> servedModels() {
        List<String> served = new ArrayList<>(models);
        served.addAll(loraAdapters);
        return served;
    }

    private static void requireText(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
    }

    private static void requireNotNegative(Duration duration, String what) {
        Objects.requireNonNull(duration, what);
        if (duration.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative, was " + duration);
        }
    }

    /** Fills in the defaults; each setter returns the builder. */
    public static final class Builder {

        private final String name;

        private List<String> models;

        private String host = DEFAULT_HOST;

        private int port;

        private Duration ttft = DEFAULT_TTFT;

        private Duration timePerOutputToken = DEFAULT_TIME_PER_OUTPUT_TOKEN;

        private int minOutputTokens = DEFAULT_MIN_OUTPUT_TOKENS;

        private int maxOutputTokens = DEFAULT_MAX_OUTPUT_TOKENS;

        private int contextWindow = DEFAULT_CONTEXT_WINDOW;

        private long seed;

        private int requestLogSize = DEFAULT_REQUEST_LOG_SIZE;

        private List<String> loraAdapters = List.of();

        private @Nullable EngineSpec engine;

        private FaultSpec faults = FaultSpec.none();

        private int embeddingDimensions = DEFAULT_EMBEDDING_DIMENSIONS;

        private Builder(String name, List<String> models) {
            this.name = name;
            this.models = models;
        }

        public Builder models(List<String> models) {
            this.models = models;
            return this;
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder ttft(Duration ttft) {
            this.ttft = ttft;
            return this;
        }

        public Builder timePerOutputToken(Duration timePerOutputToken) {
            this.timePerOutputToken = timePerOutputToken;
            return this;
        }

        /** Natural answer length, drawn per request from {@code [min, max]}. */
        public Builder outputTokens(int min, int max) {
            this.minOutputTokens = min;
            this.maxOutputTokens = max;
            return this;
        }

        public Builder minOutputTokens(int min) {
            this.minOutputTokens = min;
            return this;
        }

        public Builder maxOutputTokens(int max) {
            this.maxOutputTokens = max;
            return this;
        }

        public Builder contextWindow(int contextWindow) {
            this.contextWindow = contextWindow;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder requestLogSize(int requestLogSize) {
            this.requestLogSize = requestLogSize;
            return this;
        }

        /** Model names served as LoRA adapters of the first model. */
        public Builder loraAdapters(List<String> loraAdapters) {
            this.loraAdapters = loraAdapters;
            return this;
        }

        public Builder loraAdapters(String... loraAdapters) {
            return loraAdapters(List.of(loraAdapters));
        }

        /** Serving capacity: batching, KV cache, prefill and decode speed, LoRA slots. */
        public Builder engine(EngineSpec engine) {
            this.engine = engine;
            return this;
        }

        /** Faults injected from the start. */
        public Builder faults(FaultSpec faults) {
            this.faults = faults;
            return this;
        }

        /** Components of the vectors {@code /v1/embeddings} returns. */
        public Builder embeddingDimensions(int embeddingDimensions) {
            this.embeddingDimensions = embeddingDimensions;
            return this;
        }

        public EndpointSpec build() {
            EngineSpec chosen = engine;
            if (chosen == null) {
                EngineSpec unbounded = EngineSpec.unbounded();
                int blocksForContext = Math.ceilDiv(contextWindow, unbounded.blockSize());
                chosen = blocksForContext <= unbounded.kvCacheBlocks() ? unbounded
                        : unbounded.withKvCache(blocksForContext, unbounded.blockSize());
            }
            return new EndpointSpec(name, host, port, models, ttft, timePerOutputToken, minOutputTokens,
                    maxOutputTokens, contextWindow, seed, requestLogSize, loraAdapters, chosen, faults,
                    embeddingDimensions);
        }
    }
}
