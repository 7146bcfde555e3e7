/**
 * Cumulative request statistics since this instance started (counts, errors by class, HdrHistogram latency and TTFT
 * percentiles, token sums) and the Micrometer export of every usage event under OpenTelemetry GenAI metric names
 * and Signalbox counters.
 */
@NullMarked
package io.signalbox.telemetry.stats;

import org.jspecify.annotations.NullMarked;
