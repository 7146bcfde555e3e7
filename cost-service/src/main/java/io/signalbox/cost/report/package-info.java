/**
 * Cost-allocation reports over line items: a half-open period, grouped by team, model or tenant,
 * one row per group and currency.
 */
@NullMarked
package io.signalbox.cost.report;

import org.jspecify.annotations.NullMarked;
