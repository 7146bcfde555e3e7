/**
 * HTTP adapter: the statistics as JSON lists for operators and dashboards.
 */
@NullMarked
package io.signalbox.telemetry.web;

import org.jspecify.annotations.NullMarked;
