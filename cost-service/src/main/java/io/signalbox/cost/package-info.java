/**
 * Signalbox cost-service: the source of truth for money. Usage events come in from Kafka, are priced
 * with the price that was in effect when each request ran, and are stored as line items that reports
 * (and later budgets and rollups) read.
 */
@NullMarked
package io.signalbox.cost;

import org.jspecify.annotations.NullMarked;
