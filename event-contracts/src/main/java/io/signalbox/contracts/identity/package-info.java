@NullMarked
package io.signalbox.contracts.identity;

import org.jspecify.annotations.NullMarked;
