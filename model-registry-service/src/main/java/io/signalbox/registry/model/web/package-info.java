/**
 * Admin HTTP adapter for models and their prices.
 */
@NullMarked
package io.signalbox.registry.model.web;

import org.jspecify.annotations.NullMarked;
