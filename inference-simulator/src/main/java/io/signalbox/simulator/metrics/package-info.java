/**
 * Prometheus exposition of an endpoint's engine under vLLM's own metric names and labels, so routers and
 * dashboards built for vLLM (queue depth, KV-cache usage, prefix-cache hit rate, LoRA residency) read the
 * simulator unchanged.
 */
@NullMarked
package io.signalbox.simulator.metrics;

import org.jspecify.annotations.NullMarked;
