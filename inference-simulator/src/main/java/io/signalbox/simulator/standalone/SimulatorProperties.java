package io.signalbox.simulator.standalone;

import java.time.Duration;
import java.util.List;

import io.signalbox.simulator.endpoint.EndpointSpec;
import io.signalbox.simulator.engine.EngineSpec;
import io.signalbox.simulator.faults.FaultSpec;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code signalbox.simulator.*}: the endpoints to run. Unset values take the defaults of
 * {@link EndpointSpec.Builder}, so the programmatic API and the YAML agree on them.
 *
 * @param endpoints at least one endpoint
 */
@Validated
@ConfigurationProperties("signalbox.simulator")
public record SimulatorProperties(@NotEmpty List<@Valid Endpoint> endpoints) {

    List<EndpointSpec> specs() {
        return endpoints.stream().map(Endpoint::toSpec).toList();
    }

    /**
     * One endpoint; see {@link EndpointSpec} for the meaning and the defaults of each value.
     *
     * @param name unique endpoint name
     * @param host bind address, default 127.0.0.1
     * @param port bind port, 0 (default) for a free one
     * @param models model names served
     * @param ttft time to first token, e.g. {@code 30ms}
     * @param timePerOutputToken time between output tokens, e.g. {@code 8ms}
     * @param minOutputTokens shortest natural answer
     * @param maxOutputTokens longest natural answer
     * @param contextWindow prompt plus completion tokens accepted
     * @param seed seed of the deterministic text
     * @param requestLogSize requests kept for {@code GET /sim/requests}
     * @param loraAdapters model names served as LoRA adapters of the first model
     * @param engine serving capacity; unset keeps the fixed-latency default
     * @param faults faults injected from the start; unset injects none
     * @param embeddingDimensions components of the vectors {@code /v1/embeddings} returns, default 384
     */
    public record Endpoint(
            @NotBlank String name,
            @Nullable String host,
            @Nullable @PositiveOrZero @Max(65_535) Integer port,
            @NotEmpty List<@NotBlank String> models,
            @Nullable Duration ttft,
            @Nullable Duration timePerOutputToken,
            @Nullable @Positive Integer minOutputTokens,
            @Nullable @Positive Integer maxOutputTokens,
            @Nullable @Positive Integer contextWindow,
            @Nullable Long seed,
            @Nullable @PositiveOrZero Integer requestLogSize,
            @Nullable List<@NotBlank String> loraAdapters,
            @Nullable @Valid Engine engine,
            @Nullable @Valid Faults faults,
            @Nullable @Positive Integer embeddingDimensions) {

        EndpointSpec toSpec() {
            EndpointSpec.Builder builder = EndpointSpec.builder(name).models(models);
            if (host != null) {
                builder.host(host);
            }
            if (port != null) {
                builder.port(port);
            }
            if (ttft != null) {
                builder.ttft(ttft);
            }
            if (timePerOutputToken != null) {
                builder.timePerOutputToken(timePerOutputToken);
            }
            if (minOutputTokens != null) {
                builder.minOutputTokens(minOutputTokens);
            }
            if (maxOutputTokens != null) {
                builder.maxOutputTokens(maxOutputTokens);
            }
            if (contextWindow != null) {
                builder.contextWindow(contextWindow);
            }
            if (seed != null) {
                builder.seed(seed);
            }
            if (requestLogSize != null) {
                builder.requestLogSize(requestLogSize);
            }
            if (loraAdapters != null) {
                builder.loraAdapters(loraAdapters);
            }
            if (engine != null) {
                builder.engine(engine.toSpec());
            }
            if (faults != null) {
                builder.faults(faults.toSpec());
            }
            if (embeddingDimensions != null) {
                builder.embeddingDimensions(embeddingDimensions);
            }
            return builder.build();
        }
    }

    /**
     * {@code engine}: a preset and any values that override it; see {@link EngineSpec} for their meaning.
     *
     * @param preset the starting figures, default {@link Preset#UNBOUNDED}
     * @param maxRunningSequences vLLM's {@code --max-num-seqs}
     * @param kvCacheBlocks KV-cache blocks
     * @param blockSize tokens per block
     * @param prefillTokensPerSecond prefill speed of uncached prompt tokens, 0 for free prefill
     * @param decodeSlowdownPerSequence added to TPOT per other running sequence, e.g. {@code 80us}
     * @param maxLoras adapters resident at once
     * @param loraLoadTime delay when an adapter has to be loaded
     */
    public record Engine(
            @Nullable Preset preset,
            @Nullable @Positive Integer maxRunningSequences,
            @Nullable @Positive Integer kvCacheBlocks,
            @Nullable @Positive Integer blockSize,
            @Nullable @PositiveOrZero Long prefillTokensPerSecond,
            @Nullable Duration decodeSlowdownPerSequence,
            @Nullable @Positive Integer maxLoras,
            @Nullable Duration loraLoadTime) {

        EngineSpec toSpec() {
            EngineSpec spec = switch (preset == null ? Preset.UNBOUNDED : preset) {
                case UNBOUNDED -> EngineSpec.unbounded();
                case H100_LLAMA_8B -> EngineSpec.h100Llama8b();
                case H100_LLAMA_70B -> EngineSpec.h100Llama70b();
            };
            if (maxRunningSequences != null) {
                spec = spec.withMaxRunningSequences(maxRunningSequences);
            }
            if (kvCacheBlocks != null || blockSize != null) {
                spec = spec.withKvCache(kvCacheBlocks == null ? spec.kvCacheBlocks() : kvCacheBlocks,
                        blockSize == null ? spec.blockSize() : blockSize);
            }
            if (prefillTokensPerSecond != null) {
                spec = spec.withPrefillTokensPerSecond(prefillTokensPerSecond);
            }
            if (decodeSlowdownPerSequence != null) {
                spec = spec.withDecodeSlowdownPerSequence(decodeSlowdownPerSequence);
            }
            if (maxLoras != null || loraLoadTime != null) {
                spec = spec.withLoras(maxLoras == null ? spec.maxLoras() : maxLoras,
                        loraLoadTime == null ? spec.loraLoadTime() : loraLoadTime);
            }
            return spec;
        }
    }

    /**
     * {@code faults}; see {@link FaultSpec} for their meaning. Unset values inject nothing.
     *
     * @param errorRate probability of a server error, 0..1
     * @param errorStatus 500, 502 or 503 (default 500)
     * @param rateLimitRate probability of a 429, 0..1
     * @param retryAfter {@code Retry-After} of a 429 (default 1s)
     * @param addedLatency added before answering
     * @param outages windows from startup in which every request gets 503
     * @param streamCutAfterChunks close streams after this many events
     * @param slowFirstToken added to the time to first token
     * @param seed seed of the draws
     */
    public record Faults(
            @Nullable @DecimalMin("0") @DecimalMax("1") Double errorRate,
            @Nullable Integer errorStatus,
            @Nullable @DecimalMin("0") @DecimalMax("1") Double rateLimitRate,
            @Nullable Duration retryAfter,
            @Nullable Duration addedLatency,
            @Nullable List<@Valid Outage> outages,
            @Nullable @PositiveOrZero Integer streamCutAfterChunks,
            @Nullable Duration slowFirstToken,
            @Nullable Long seed) {

        FaultSpec toSpec() {
            FaultSpec none = FaultSpec.none();
            return new FaultSpec(errorRate == null ? 0 : errorRate,
                    errorStatus == null ? none.errorStatus() : errorStatus,
                    rateLimitRate == null ? 0 : rateLimitRate,
                    retryAfter == null ? none.retryAfter() : retryAfter,
                    addedLatency == null ? Duration.ZERO : addedLatency,
                    outages == null ? List.of()
                            : outages.stream().map(outage -> new FaultSpec.Window(outage.start(), outage.duration()))
                                    .toList(),
                    streamCutAfterChunks == null ? 0 : streamCutAfterChunks,
                    slowFirstToken == null ? Duration.ZERO : slowFirstToken,
                    seed == null ? 0 : seed);
        }
    }

    /**
     * One outage window.
     *
     * @param start offset from startup
     * @param duration length
     */
    public record Outage(Duration start, Duration duration) {
    }

    /** Starting figures of an engine; {@code unbounded}, {@code h100-llama-8b} or {@code h100-llama-70b}. */
    public enum Preset {
        UNBOUNDED, H100_LLAMA_8B, H100_LLAMA_70B
    }
}
