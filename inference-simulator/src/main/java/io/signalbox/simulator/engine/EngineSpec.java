package io.signalbox.simulator.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * The serving capacity of one simulated endpoint, in vLLM's terms.
 *
 * <p>{@link #unbounded()} (the default of {@code EndpointSpec}) keeps the fixed TTFT/TPOT behaviour of an idle
 * server: free prefill, no decode slowdown, room for 256 sequences and a large cache. {@link #h100Llama8b()}
 * and {@link #h100Llama70b()} are plausible figures for one H100 SXM 80 GB; the derivations are in the
 * module README ("Engine model").
 *
 * @param maxRunningSequences vLLM's {@code --max-num-seqs}: sequences decoded together in one batch; more wait
 * @param kvCacheBlocks GPU KV-cache blocks ({@code num_gpu_blocks})
 * @param blockSize tokens per KV-cache block ({@code --block-size}, vLLM's default 16)
 * @param prefillTokensPerSecond prefill throughput for uncached prompt tokens; 0 makes prefill free
 * @param decodeSlowdownPerSequence added to the time per output token for every other running sequence
 * @param maxLoras vLLM's {@code --max-loras}: adapters resident at once (and so in one batch)
 * @param loraLoadTime the prefill delay of a request whose adapter is not resident yet
 */
public record EngineSpec(
        int maxRunningSequences,
        int kvCacheBlocks,
        int blockSize,
        long prefillTokensPerSecond,
        Duration decodeSlowdownPerSequence,
        int maxLoras,
        Duration loraLoadTime) {

    /** vLLM's default {@code --max-num-seqs}. */
    public static final int DEFAULT_MAX_RUNNING_SEQUENCES = 256;

    /** vLLM's default {@code --block-size} on CUDA. */
    public static final int DEFAULT_BLOCK_SIZE = 16;

    /** Blocks of the unbounded default: 262,144 tokens, two 128K contexts. */
    public static final int DEFAULT_KV_CACHE_BLOCKS = 16_384;

    /** vLLM's default {@code --max-loras}. */
    public static final int DEFAULT_MAX_LORAS = 1;

    public EngineSpec {
        positive(maxRunningSequences, "maxRunningSequences");
        positive(kvCacheBlocks, "kvCacheBlocks");
        positive(blockSize, "blockSize");
        if (prefillTokensPerSecond < 0) {
            throw new IllegalArgumentException("prefillTokensPerSecond must not be negative, was "
                    + prefillTokensPerSecond);
        }
        notNegative(decodeSlowdownPerSequence, "decodeSlowdownPerSequence");
        positive(maxLoras, "maxLoras");
        notNegative(loraLoadTime, "loraLoadTime");
    }

    /** Behaves like an idle server: only the endpoint's TTFT and TPOT, queueing only past 256 sequences. */
    public static EngineSpec unbounded() {
        return new EngineSpec(DEFAULT_MAX_RUNNING_SEQUENCES, DEFAULT_KV_CACHE_BLOCKS, DEFAULT_BLOCK_SIZE, 0,
                Duration.ZERO, DEFAULT_MAX_LORAS, Duration.ZERO);
    }

    /**
     * Llama 3.1 8B in BF16 on one H100 SXM 80 GB: about 440K tokens of KV cache (27,500 blocks), prefill about
     * 20,000 tokens/s, 0.08 ms more per output token for each other running sequence, LoRA load 50 ms.
     */
    public static EngineSpec h100Llama8b() {
        return new EngineSpec(DEFAULT_MAX_RUNNING_SEQUENCES, 27_500, DEFAULT_BLOCK_SIZE, 20_000,
                Duration.ofNanos(80_000), 4, Duration.ofMillis(50));
    }

    /**
     * Llama 3.1 70B in FP8 (weights and KV cache) on one H100 SXM 80 GB: about 26K tokens of KV cache (1,600
     * blocks), prefill about 4,000 tokens/s, 0.25 ms more per output token for each other running sequence,
     * LoRA load 200 ms.
     */
    public static EngineSpec h100Llama70b() {
        return new EngineSpec(DEFAULT_MAX_RUNNING_SEQUENCES, 1_600, DEFAULT_BLOCK_SIZE, 4_000,
                Duration.ofNanos(250_000), 2, Duration.ofMillis(200));
    }

    /** Tokens the KV cache holds. */
    public long kvCacheTokens() {
        return (long) kvCacheBlocks * blockSize;
    }

    public EngineSpec withMaxRunningSequences(int value) {
        return new EngineSpec(value, kvCacheBlocks, blockSize, prefillTokensPerSecond, decodeSlowdownPerSequence,
                maxLoras, loraLoadTime);
    }

    public EngineSpec withKvCache(int blocks, int tokensPerBlock) {
        return new EngineSpec(maxRunningSequences, blocks, tokensPerBlock, prefillTokensPerSecond,
                decodeSlowdownPerSequence, maxLoras, loraLoadTime);
    }

    public EngineSpec withPrefillTokensPerSecond(long value) {
        return new EngineSpec(maxRunningSequences, kvCacheBlocks, blockSize, value, decodeSlowdownPerSequence,
                maxLoras, loraLoadTime);
    }

    public EngineSpec withDecodeSlowdownPerSequence(Duration value) {
        return new EngineSpec(maxRunningSequences, kvCacheBlocks, blockSize, prefillTokensPerSecond, value,
                maxLoras, loraLoadTime);
    }

    public EngineSpec withLoras(int max, Duration loadTime) {
        return new EngineSpec(maxRunningSequences, kvCacheBlocks, blockSize, prefillTokensPerSecond,
                decodeSlowdownPerSequence, max, loadTime);
    }

    private static void positive(int value, String what) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " must be positive, was " + value);
        }
    }

    private static void notNegative(Duration value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative, was " + value);
        }
    }
}
