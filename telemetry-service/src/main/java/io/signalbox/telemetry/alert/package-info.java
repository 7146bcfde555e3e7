/**
 * Alerts by webhook: error-rate and latency anomalies per endpoint, provider-hosted model and provider, and the
 * routing-quality alert, each de-duplicated into episodes with one firing and one resolved notice.
 */
@NullMarked
package io.signalbox.telemetry.alert;

import org.jspecify.annotations.NullMarked;
