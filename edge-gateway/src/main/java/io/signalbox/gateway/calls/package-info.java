/**
 * The gateway's own calls on the request path (routing-service's decision, the upstream's answer): timed and
 * carried into the request's trace without an observation per call.
 */
@NullMarked
package io.signalbox.gateway.calls;

import org.jspecify.annotations.NullMarked;
