/**
 * Priced line items: one row per usage event, keyed by event id so that storing is idempotent.
 */
@NullMarked
package io.signalbox.cost.lineitem;

import org.jspecify.annotations.NullMarked;
