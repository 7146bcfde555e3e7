/** Serving health that telemetry-service derives from usage events and routing-service reads. */
@NullMarked
package io.signalbox.contracts.health;

import org.jspecify.annotations.NullMarked;
