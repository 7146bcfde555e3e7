/** HTTP adapter of the alerts: {@code GET /api/v1/telemetry/alerts}. */
@NullMarked
package io.signalbox.telemetry.alert.web;

import org.jspecify.annotations.NullMarked;
