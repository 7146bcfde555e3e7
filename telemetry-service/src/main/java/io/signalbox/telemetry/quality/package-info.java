/**
 * The routing-quality loop: feedback on routed requests (durable on {@code signalbox.feedback.v1}), sampling of
 * routed requests per quality tier for offline evaluation, and quality per tier over time.
 */
@NullMarked
package io.signalbox.telemetry.quality;

import org.jspecify.annotations.NullMarked;
