/**
 * The local stack: everything Signalbox needs, on one machine, started by one command. Real PostgreSQL
 * and Kafka run in this JVM; each service runs as its own child JVM from its executable jar, talking
 * over real HTTP and Kafka exactly as in production; two simulated inference pools stand in for GPUs.
 */
@NullMarked
package io.signalbox.localstack;

import org.jspecify.annotations.NullMarked;
