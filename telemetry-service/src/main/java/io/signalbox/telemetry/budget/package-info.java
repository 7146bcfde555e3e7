/**
 * Budget burn as gauges, from cost-service's {@code signalbox.budget-status.v1}, so that dashboards can show every
 * budget's spend against its limits.
 */
@NullMarked
package io.signalbox.telemetry.budget;

import org.jspecify.annotations.NullMarked;
