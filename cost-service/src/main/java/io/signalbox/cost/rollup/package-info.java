/**
 * Hourly and daily rollups of line items (and of their tags), kept equal to the sum of their line items
 * by being written in the same statement that writes or re-prices the line items. Reports read them
 * whenever a query's period and time zone line up with a rollup's grain.
 */
@NullMarked
package io.signalbox.cost.rollup;

import org.jspecify.annotations.NullMarked;
