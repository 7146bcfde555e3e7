/**
 * Admin HTTP adapter for keys and the internal key lookup the gateway uses to authenticate.
 */
@NullMarked
package io.signalbox.registry.key.web;

import org.jspecify.annotations.NullMarked;
