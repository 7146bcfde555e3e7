/**
 * Self-hosted inference pools and their serving endpoints.
 */
@NullMarked
package io.signalbox.registry.pool;

import org.jspecify.annotations.NullMarked;
