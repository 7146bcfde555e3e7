/**
 * Consumes {@code signalbox.usage.v1}: reads each event, prices it and stores it once, however often
 * Kafka delivers it. Messages that can never be read go to a dead-letter topic instead of blocking
 * the partition or being dropped.
 */
@NullMarked
package io.signalbox.cost.ingest;

import org.jspecify.annotations.NullMarked;
