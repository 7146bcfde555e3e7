/**
 * Signalbox telemetry-service: what the gateway's traffic looks like per model, endpoint, provider, tenant and route
 * (rolling windows and cumulative statistics), the endpoint health routing-service reads, alerts, and the
 * routing-quality loop. Fed by usage events; read by operators (JSON, Prometheus, dashboards) and by routing.
 */
@NullMarked
package io.signalbox.telemetry;

import org.jspecify.annotations.NullMarked;
