/**
 * The registry's catalog, read for model names, providers and quality tiers (see {@link
 * io.signalbox.telemetry.catalog.ModelDirectory}).
 */
@NullMarked
package io.signalbox.telemetry.catalog;

import org.jspecify.annotations.NullMarked;
