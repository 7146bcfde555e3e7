/**
 * Admin HTTP adapter for the LiteLLM imports.
 */
@NullMarked
package io.signalbox.registry.imports.web;

import org.jspecify.annotations.NullMarked;
