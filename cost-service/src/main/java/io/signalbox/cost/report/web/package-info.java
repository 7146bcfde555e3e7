/**
 * HTTP adapter of the reports: JSON and CSV renderings of the same report, RFC 9457 problems for bad
 * queries.
 */
@NullMarked
package io.signalbox.cost.report.web;

import org.jspecify.annotations.NullMarked;
