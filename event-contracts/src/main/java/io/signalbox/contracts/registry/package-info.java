@NullMarked
package io.signalbox.contracts.registry;

import org.jspecify.annotations.NullMarked;
