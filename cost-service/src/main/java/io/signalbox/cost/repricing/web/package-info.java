/**
 * HTTP adapter of re-pricing: {@code POST /api/v1/reports/repricing} (admin, not team-scoped) and the
 * audit records under {@code GET /api/v1/reports/repricing}.
 */
@NullMarked
package io.signalbox.cost.repricing.web;

import org.jspecify.annotations.NullMarked;
