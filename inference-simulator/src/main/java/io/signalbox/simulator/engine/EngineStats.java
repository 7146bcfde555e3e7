package io.signalbox.simulator.engine;

import java.util.List;

/**
 * A consistent snapshot of an engine's state and counters: what {@code /metrics} exposes.
 *
 * @param running sequences in the batch ({@code vllm:num_requests_running})
 * @param waiting sequences queued ({@code vllm:num_requests_waiting})
 * @param usedBlocks KV blocks referenced by running sequences
 * @param cachedBlocks KV blocks registered in the prefix cache, referenced or not
 * @param totalBlocks KV blocks in all
 * @param evictions cached blocks evicted so far
 * @param prefixCacheQueries prompt tokens looked up in the prefix cache
 * @param prefixCacheHits prompt tokens found there
 * @param promptTokens prompt tokens of admitted sequences
 * @param generationTokens output tokens of finished sequences
 * @param requestsFinished sequences that left the batch at their scheduled end
 * @param requestsCancelled running sequences that left the batch early because their client went away
 * @param runningAdapters LoRA adapters of running sequences, sorted
 * @param waitingAdapters LoRA adapters of waiting sequences, sorted
 * @param maxLoras adapters resident at once
 * @param ttftBucketCounts per-bucket (not cumulative) TTFT observations over
 *     {@link InferenceEngine#TTFT_BUCKETS_SECONDS}; larger values are only in {@code ttftCount}
 * @param ttftCount TTFT observations
 * @param ttftSumNanos sum of the observed TTFTs
 */
public record EngineStats(
        int running,
        int waiting,
        int usedBlocks,
        int cachedBlocks,
        int totalBlocks,
        long evictions,
        long prefixCacheQueries,
        long prefixCacheHits,
        long promptTokens,
        long generationTokens,
        long requestsFinished,
        long requestsCancelled,
        List<String> runningAdapters,
        List<String> waitingAdapters,
        int maxLoras,
        long[] ttftBucketCounts,
        long ttftCount,
        long ttftSumNanos) {

    /** {@code vllm:kv_cache_usage_perc}: 1 means full. */
    public double kvCacheUsage() {
        return (double) usedBlocks / totalBlocks;
    }

    /** The TTFT bucket upper bounds in seconds. */
    public static double[] ttftBucketBoundsSeconds() {
        return InferenceEngine.TTFT_BUCKETS_SECONDS.clone();
    }
}
