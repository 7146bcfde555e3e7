/**
 * HTTP adapter of the cumulative statistics (since this instance started) and the problem types every telemetry
 * API answers with.
 */
@NullMarked
package io.signalbox.telemetry.web;

import org.jspecify.annotations.NullMarked;
