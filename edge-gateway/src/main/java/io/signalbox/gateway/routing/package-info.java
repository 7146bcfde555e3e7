@NullMarked
package io.signalbox.gateway.routing;

import org.jspecify.annotations.NullMarked;
