/**
 * Models as clients name them and their effective-dated prices. Prices are append-only: a price change
 * is a new row with a later {@code effectiveFrom}, so past requests stay priced as they ran.
 */
@NullMarked
package io.signalbox.registry.model;

import org.jspecify.annotations.NullMarked;
