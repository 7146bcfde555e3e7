/** HTTP adapter of the routing-quality loop: {@code /api/v1/feedback}. */
@NullMarked
package io.signalbox.telemetry.quality.web;

import org.jspecify.annotations.NullMarked;
