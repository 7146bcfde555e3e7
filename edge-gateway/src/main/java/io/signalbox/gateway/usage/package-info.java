@NullMarked
package io.signalbox.gateway.usage;

import org.jspecify.annotations.NullMarked;
