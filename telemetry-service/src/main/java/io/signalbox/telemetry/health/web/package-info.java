/** HTTP adapter of the published endpoint health: {@code GET /api/v1/telemetry/health}. */
@NullMarked
package io.signalbox.telemetry.health.web;

import org.jspecify.annotations.NullMarked;
