/**
 * How the gateway survives failing upstreams and a failing control plane: retries with backoff that
 * honour {@code Retry-After}, a circuit breaker per target, and last-known-good decisions for when
 * routing-service cannot be reached.
 */
@NullMarked
package io.signalbox.gateway.resilience;

import org.jspecify.annotations.NullMarked;
