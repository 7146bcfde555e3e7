/**
 * model-registry-service: the source of truth for Signalbox configuration. Every feature lives in its
 * own package with a {@code web} sub-package for its HTTP adapter.
 */
@NullMarked
package io.signalbox.registry;

import org.jspecify.annotations.NullMarked;
