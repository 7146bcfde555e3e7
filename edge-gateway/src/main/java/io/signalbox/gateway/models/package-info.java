@NullMarked
package io.signalbox.gateway.models;

import org.jspecify.annotations.NullMarked;
