/**
 * Pieces every feature shares: the domain exceptions the web adapter turns into RFC 9457 problems,
 * id parsing and the list envelope.
 */
@NullMarked
package io.signalbox.registry.common;

import org.jspecify.annotations.NullMarked;
