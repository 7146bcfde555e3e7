/**
 * Server-sent events as the gateway relays them: cutting a byte stream into whole events, and reading an event's
 * data. Shared by the stream relay and the stream translators, so that every part reads an event the same way.
 */
@NullMarked
package io.signalbox.gateway.sse;

import org.jspecify.annotations.NullMarked;
