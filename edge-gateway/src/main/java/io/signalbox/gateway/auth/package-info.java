@NullMarked
package io.signalbox.gateway.auth;

import org.jspecify.annotations.NullMarked;
