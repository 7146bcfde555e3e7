/**
 * The catalog snapshot: everything routing needs, read consistently at one catalog version.
 */
@NullMarked
package io.signalbox.registry.catalog;

import org.jspecify.annotations.NullMarked;
