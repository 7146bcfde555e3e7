@NullMarked
package io.signalbox.contracts.decision;

import org.jspecify.annotations.NullMarked;
