/**
 * The transactional outbox: events are written with the change that caused them and relayed to Kafka
 * afterwards, so a change is never committed without its event nor an event sent for a rolled-back change.
 */
@NullMarked
package io.signalbox.registry.outbox;

import org.jspecify.annotations.NullMarked;
