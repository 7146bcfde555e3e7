/**
 * routing-service: the decision engine between edge-gateway and the inference targets. It keeps an
 * in-memory copy of the registry's catalog ({@code catalog}), runs routing policies ({@code policy})
 * and answers decisions ({@code decision}) without any I/O on the request path.
 */
@NullMarked
package io.signalbox.routing;

import org.jspecify.annotations.NullMarked;
