package io.signalbox.routing.endpoint;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What one scrape of an endpoint's metrics said (vLLM's metric names).
 *
 * @param running sequences being generated ({@code vllm:num_requests_running})
 * @param waiting requests queued ({@code vllm:num_requests_waiting})
 * @param kvCacheUsage KV-cache use, 0..1 ({@code vllm:kv_cache_usage_perc}, or the older {@code gpu_cache_usage_perc})
 * @param loadedAdapters LoRA adapters loaded now ({@code vllm:lora_requests_info}'s running and waiting adapters)
 * @param maxLoras adapter slots, 0 when unknown
 * @param timeToFirstTokenMillis mean time to first token of the requests that finished prefill since the
 *     previous scrape, smoothed; null until measured
 * @param scrapedAtNanos {@link System#nanoTime()} when the scrape answered
 */
public record EndpointSignals(double running, double waiting, double kvCacheUsage, Set<String> loadedAdapters,
        int maxLoras, @Nullable Double timeToFirstTokenMillis, long scrapedAtNanos) {

    public EndpointSignals {
        loadedAdapters = Set.copyOf(loadedAdapters);
    }
}
