/**
 * Catalog imports for people coming from LiteLLM: its model price list and its proxy configuration.
 * Imports are idempotent (what already matches is left alone) and have a dry run that reports what
 * would change without changing anything.
 */
@NullMarked
package io.signalbox.registry.imports;

import org.jspecify.annotations.NullMarked;
