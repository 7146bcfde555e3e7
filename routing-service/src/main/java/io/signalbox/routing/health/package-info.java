/**
 * Serving health from telemetry-service ({@code signalbox.endpoint-health.v1}): per-endpoint and per-hosted-model
 * latency and error statistics over recent windows, for policies that need them where routing cannot scrape the
 * server (provider-hosted models).
 */
@NullMarked
package io.signalbox.routing.health;

import org.jspecify.annotations.NullMarked;
