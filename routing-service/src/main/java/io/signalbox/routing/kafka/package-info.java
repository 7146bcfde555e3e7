/** What the routing service's Kafka listeners share. */
@NullMarked
package io.signalbox.routing.kafka;

import org.jspecify.annotations.NullMarked;
