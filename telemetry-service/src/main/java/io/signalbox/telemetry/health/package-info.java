/**
 * Serving health for routing-service: per-endpoint and per-hosted-model reports on the compacted
 * {@code signalbox.endpoint-health.v1} topic, with an unhealthy hint from {@link
 * io.signalbox.telemetry.health.AnomalyRule}.
 */
@NullMarked
package io.signalbox.telemetry.health;

import org.jspecify.annotations.NullMarked;
