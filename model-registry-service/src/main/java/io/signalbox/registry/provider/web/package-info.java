/**
 * Admin HTTP adapter for providers.
 */
@NullMarked
package io.signalbox.registry.provider.web;

import org.jspecify.annotations.NullMarked;
