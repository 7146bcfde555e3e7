/**
 * The registry's catalog as routing sees it: fetched from model-registry-service at start, reloaded
 * when a newer {@code RegistryChanged} event arrives and re-synced periodically, and held as an
 * immutable, pre-indexed {@link io.signalbox.routing.catalog.Catalog} swapped atomically so that a
 * decision reads it without I/O or locks.
 */
@NullMarked
package io.signalbox.routing.catalog;

import org.jspecify.annotations.NullMarked;
