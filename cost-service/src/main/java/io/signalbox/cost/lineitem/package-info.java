/**
 * Priced line items: one row per usage event in a table partitioned by month, keyed by event id and request
 * start so that storing is idempotent, written in batches together with their rollups.
 */
@NullMarked
package io.signalbox.cost.lineitem;

import org.jspecify.annotations.NullMarked;
