/**
 * Re-pricing: after a price correction, an admin re-prices one model's line items over a period with the
 * corrected price. Line items and rollups change together, in one transaction; every run is recorded
 * (who, when, why, the price, totals before and after); a period covered by an issued statement is only
 * touched when the run issues a correcting statement revision for it.
 */
@NullMarked
package io.signalbox.cost.repricing;

import org.jspecify.annotations.NullMarked;
