/**
 * Consumes {@code signalbox.usage.v1} in batches and feeds every {@link io.signalbox.telemetry.ingest.UsageSink}.
 * Each event is counted once: event ids seen recently are remembered in a bounded set, so a redelivery or a replay
 * from the gateway's spool does not inflate the statistics.
 */
@NullMarked
package io.signalbox.telemetry.ingest;

import org.jspecify.annotations.NullMarked;
