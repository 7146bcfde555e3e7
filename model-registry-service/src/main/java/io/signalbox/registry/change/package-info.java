/**
 * The catalog version and the change events: every registry write bumps the version and records a
 * {@link io.signalbox.contracts.registry.RegistryChanged} in the outbox, in the same transaction.
 */
@NullMarked
package io.signalbox.registry.change;

import org.jspecify.annotations.NullMarked;
