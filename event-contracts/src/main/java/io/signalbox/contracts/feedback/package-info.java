/** Quality feedback on routed requests, for the routing-quality loop of telemetry-service. */
@NullMarked
package io.signalbox.contracts.feedback;

import org.jspecify.annotations.NullMarked;
