/**
 * Wiring that keeps every JSON form in the registry identical to the shared contract codec: the HTTP
 * API, the jsonb columns and the outbox payloads.
 */
@NullMarked
package io.signalbox.registry.config;

import org.jspecify.annotations.NullMarked;
