/**
 * Providers: who serves models and which API they speak.
 */
@NullMarked
package io.signalbox.registry.provider;

import org.jspecify.annotations.NullMarked;
