/** HTTP adapter of the rolling windows: {@code /api/v1/telemetry/windows/{dimension}[/{key}]}. */
@NullMarked
package io.signalbox.telemetry.window.web;

import org.jspecify.annotations.NullMarked;
