/**
 * Real infrastructure started in-process: a PostgreSQL server from zonky's packaged binaries and a
 * single-node KRaft Kafka cluster from Kafka's own test kit. Used by the integration tests (one of
 * each per test JVM through {@link io.signalbox.infra.SharedInfra}) and by the local stack, so that
 * neither needs Docker or anything installed beyond a JDK.
 */
@NullMarked
package io.signalbox.infra;

import org.jspecify.annotations.NullMarked;
