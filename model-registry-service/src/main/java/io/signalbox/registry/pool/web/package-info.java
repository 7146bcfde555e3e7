/**
 * Admin HTTP adapter for pools and endpoints.
 */
@NullMarked
package io.signalbox.registry.pool.web;

import org.jspecify.annotations.NullMarked;
