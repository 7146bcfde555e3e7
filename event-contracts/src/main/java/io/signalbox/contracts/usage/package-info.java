@NullMarked
package io.signalbox.contracts.usage;

import org.jspecify.annotations.NullMarked;
