/**
 * In-memory request statistics (counts, errors by class, HdrHistogram latency and TTFT percentiles,
 * token sums) and their Micrometer export under OpenTelemetry GenAI metric names.
 */
@NullMarked
package io.signalbox.telemetry.stats;

import org.jspecify.annotations.NullMarked;
