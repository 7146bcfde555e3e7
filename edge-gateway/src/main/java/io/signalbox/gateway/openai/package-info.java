@NullMarked
package io.signalbox.gateway.openai;

import org.jspecify.annotations.NullMarked;
