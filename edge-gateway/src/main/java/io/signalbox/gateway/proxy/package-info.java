@NullMarked
package io.signalbox.gateway.proxy;

import org.jspecify.annotations.NullMarked;
