/**
 * Signalbox telemetry-service: what the gateway's traffic looks like, per model and per endpoint, since this
 * instance started. Fed by usage events; read by operators (JSON, Prometheus) and, later, by routing.
 */
@NullMarked
package io.signalbox.telemetry;

import org.jspecify.annotations.NullMarked;
