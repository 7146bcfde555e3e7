package io.signalbox.simulator.metrics;

import java.math.BigDecimal;
import java.util.Locale;

import io.signalbox.simulator.engine.EngineStats;

/**
 * Writes {@code GET /metrics} in the Prometheus text format (0.0.4) with the names, help texts, label names
 * and label order of vLLM's V1 {@code PrometheusStatLogger}: every series carries
 * {@code model_name} (the served model) and {@code engine="0"}; counters are declared by their base name and
 * sampled with {@code _total}, as Python's {@code prometheus_client} writes them; {@code vllm:lora_requests_info}
 * appears only on an endpoint with LoRA adapters (vLLM registers it only with a LoRA config), with its value the
 * scrape time in seconds.
 */
public final class VllmMetrics {

    /** The {@code Content-Type} of the text format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final String labels;

    private final boolean lora;

    /**
     * @param modelName vLLM's {@code served_model_name}: the endpoint's first model
     * @param lora whether the endpoint serves LoRA adapters
     */
    public VllmMetrics(String modelName, boolean lora) {
        this.labels = "model_name=\"" + escape(modelName) + "\",engine=\"0\"";
        this.lora = lora;
    }

    public String render(EngineStats stats, double nowEpochSeconds) {
        StringBuilder out = new StringBuilder(4096);
        gauge(out, "vllm:num_requests_running", "Number of requests in model execution batches.", stats.running());
        gauge(out, "vllm:num_requests_waiting", "Number of requests waiting to be processed.", stats.waiting());
        gauge(out, "vllm:kv_cache_usage_perc", "KV-cache usage. 1 means 100 percent usage.", stats.kvCacheUsage());
        counter(out, "vllm:prefix_cache_queries", "Prefix cache queries, in terms of number of queried tokens.",
                stats.prefixCacheQueries());
        counter(out, "vllm:prefix_cache_hits", "Prefix cache hits, in terms of number of cached tokens.",
                stats.prefixCacheHits());
        counter(out, "vllm:prompt_tokens", "Number of prefill tokens processed.", stats.promptTokens());
        counter(out, "vllm:generation_tokens", "Number of generation tokens processed.", stats.generationTokens());
        ttftHistogram(out, stats);
        if (lora) {
            out.append("# HELP vllm:lora_requests_info Running stats on lora requests.\n")
                    .append("# TYPE vllm:lora_requests_info gauge\n")
                    .append("vllm:lora_requests_info{max_lora=\"").append(stats.maxLoras())
                    .append("\",waiting_lora_adapters=\"").append(escape(String.join(",", stats.waitingAdapters())))
                    .append("\",running_lora_adapters=\"").append(escape(String.join(",", stats.runningAdapters())))
                    .append("\"} ").append(number(nowEpochSeconds)).append('\n');
        }
        return out.toString();
    }

    private void gauge(StringBuilder out, String name, String help, double value) {
        header(out, name, help, "gauge");
        out.append(name).append('{').append(labels).append("} ").append(number(value)).append('\n');
    }

    private void counter(StringBuilder out, String name, String help, long value) {
        header(out, name, help, "counter");
        out.append(name).append("_total{").append(labels).append("} ").append(number(value)).append('\n');
    }

    private void ttftHistogram(StringBuilder out, EngineStats stats) {
        String name = "vllm:time_to_first_token_seconds";
        header(out, name, "Histogram of time to first token in seconds.", "histogram");
        double[] bounds = EngineStats.ttftBucketBoundsSeconds();
        long[] counts = stats.ttftBucketCounts();
        long cumulative = 0;
        for (int index = 0; index < bounds.length; index++) {
            cumulative += counts[index];
            bucket(out, name, number(bounds[index]), cumulative);
        }
        bucket(out, name, "+Inf", stats.ttftCount());
        out.append(name).append("_count{").append(labels).append("} ").append(number(stats.ttftCount())).append('\n');
        out.append(name).append("_sum{").append(labels).append("} ").append(number(stats.ttftSumNanos() / 1e9))
                .append('\n');
    }

    private void bucket(StringBuilder out, String name, String le, long count) {
        out.append(name).append("_bucket{").append(labels).append(",le=\"").append(le).append("\"} ")
                .append(number(count)).append('\n');
    }

    private static void header(StringBuilder out, String name, String help, String type) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    /** Like Python's float {@code repr}, which {@code prometheus_client} writes: {@code 2.0}, {@code 0.25}. */
    private static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return BigDecimal.valueOf(value).toPlainString();
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
