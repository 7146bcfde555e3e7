/**
 * Upkeep of cost storage: monthly line-item partitions created ahead of time, and retention that drops
 * old partitions (and, separately, old rollups) when configured to.
 */
@NullMarked
package io.signalbox.cost.storage;

import org.jspecify.annotations.NullMarked;
