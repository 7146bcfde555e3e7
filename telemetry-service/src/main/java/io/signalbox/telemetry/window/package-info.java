/**
 * Rolling windows (1 min, 5 min, 1 h) of request and call statistics per model, endpoint, provider, tenant and
 * route: slots of mergeable HdrHistograms and counters, merged when read so that each window slides.
 */
@NullMarked
package io.signalbox.telemetry.window;

import org.jspecify.annotations.NullMarked;
