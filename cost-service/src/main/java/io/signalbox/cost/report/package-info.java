/**
 * Cost-allocation reports: a half-open period grouped by any of tenant, team, key, model, provider, route and
 * tag, and by day, week or month in a time zone, filtered per dimension, one row per group and currency. Read
 * from rollups whenever their grain answers the query exactly, else from line items; plus the analyses built on
 * reports (top spenders, period-over-period change, cost per 1,000 requests).
 */
@NullMarked
package io.signalbox.cost.report;

import org.jspecify.annotations.NullMarked;
