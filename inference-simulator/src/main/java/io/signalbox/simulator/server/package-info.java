/**
 * Runs simulated endpoints: {@link io.signalbox.simulator.server.SimulatorServer} binds one Reactor Netty
 * server per endpoint on its own event loops and is the API that tests and the local stack embed.
 */
@NullMarked
package io.signalbox.simulator.server;

import org.jspecify.annotations.NullMarked;
