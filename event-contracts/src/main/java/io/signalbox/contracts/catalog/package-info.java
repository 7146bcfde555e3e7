@NullMarked
package io.signalbox.contracts.catalog;

import org.jspecify.annotations.NullMarked;
