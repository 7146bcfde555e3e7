/**
 * The simulator as a process of its own: Spring Boot binds {@code signalbox.simulator.endpoints[...]}, starts
 * a {@link io.signalbox.simulator.server.SimulatorServer} and closes it on shutdown. Spring serves no HTTP
 * here; each endpoint is its own Reactor Netty server.
 */
@NullMarked
package io.signalbox.simulator.standalone;

import org.jspecify.annotations.NullMarked;
