/**
 * Routes: the aliases clients send as {@code model} and the policies that turn them into models.
 */
@NullMarked
package io.signalbox.registry.route;

import org.jspecify.annotations.NullMarked;
