/**
 * {@code /api/v1/budgets}: the budgets API for finance and admins, with RFC 9457 problems for every refusal.
 */
@NullMarked
package io.signalbox.cost.budget.web;

import org.jspecify.annotations.NullMarked;
