/**
 * Virtual keys: generated here, shown once, stored only as SHA-256 hashes.
 */
@NullMarked
package io.signalbox.registry.key;

import org.jspecify.annotations.NullMarked;
