/**
 * Per-key and per-team limits on requests and tokens per minute, shared by every gateway replica
 * through Redis.
 */
@NullMarked
package io.signalbox.gateway.limits;

import org.jspecify.annotations.NullMarked;
