/**
 * HTTP adapter of the reports: the cost report and its analyses as JSON or CSV, confined to the caller's team
 * when the caller is team-scoped.
 */
@NullMarked
package io.signalbox.cost.report.web;

import org.jspecify.annotations.NullMarked;
