@NullMarked
package io.signalbox.contracts.json;

import org.jspecify.annotations.NullMarked;
