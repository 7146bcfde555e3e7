/**
 * Admin HTTP adapter for routes.
 */
@NullMarked
package io.signalbox.registry.route.web;

import org.jspecify.annotations.NullMarked;
