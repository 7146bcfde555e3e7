package io.signalbox.simulator.server;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import io.signalbox.simulator.endpoint.EndpointSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.scheduler.Schedulers;
import reactor.netty.resources.LoopResources;

/**
 * Many simulated endpoints in one process, each on its own port. Start it, point clients at
 * {@link SimulatedEndpoint#baseUrl()}, close it when done:
 *
 * <pre>{@code
 * try (SimulatorServer server = SimulatorServer.start(EndpointSpec.of("small", "llama-8b"))) {
 *     String baseUrl = server.endpoint("small").baseUrl(); // http://127.0.0.1:PORT/v1
 * }
 * }</pre>
 *
 * The endpoints run on event loops of their own (daemon threads), so they neither share threads with the
 * embedding application's Reactor Netty server or client nor keep a JVM alive.
 */
public final class SimulatorServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SimulatorServer.class);

    private static final Duration LOOP_SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);

    private final LoopResources loops;

    private final Map<String, SimulatedEndpoint> endpoints;

    private final AtomicBoolean closed = new AtomicBoolean();

    private SimulatorServer(LoopResources loops, Map<String, SimulatedEndpoint> endpoints) {
        this.loops = loops;
        this.endpoints = Collections.unmodifiableMap(new LinkedHashMap<>(endpoints));
    }

    public static SimulatorServer start(EndpointSpec... specs) {
        return start(List.of(specs));
    }

    /**
     * Binds every endpoint, or none: when one cannot bind (port taken), those already bound are stopped and
     * the failure is thrown.
     *
     * @throws IllegalArgumentException when there are no specs or two share a name
     * @throws IllegalStateException when an endpoint cannot bind its address
     */
    public static SimulatorServer start(List<EndpointSpec> specs) {
        if (specs.isEmpty()) {
            throw new IllegalArgumentException("at least one endpoint is needed");
        }
        Map<String, EndpointSpec> byName = new LinkedHashMap<>();
        for (EndpointSpec spec : specs) {
            if (byName.putIfAbsent(spec.name(), spec) != null) {
                throw new IllegalArgumentException("two endpoints are named '" + spec.name() + "'");
            }
        }
        int workers = Math.max(2, Runtime.getRuntime().availableProcessors());
        LoopResources loops = LoopResources.create("signalbox-sim", 1, workers, true);
        Map<String, SimulatedEndpoint> started = new LinkedHashMap<>();
        for (EndpointSpec spec : byName.values()) {
            try {
                SimulatedEndpoint endpoint = SimulatedEndpoint.bind(spec, loops, Schedulers.parallel());
                started.put(spec.name(), endpoint);
                log.info("Simulated endpoint '{}' serves {} at {}", spec.name(), spec.models(), endpoint.baseUrl());
            }
            catch (RuntimeException ex) {
                new SimulatorServer(loops, started).close();
                throw new IllegalStateException("Simulated endpoint '" + spec.name() + "' could not bind "
                        + spec.host() + ":" + spec.port(), ex);
            }
        }
        return new SimulatorServer(loops, started);
    }

    /**
     * The endpoint with this name.
     *
     * @throws IllegalArgumentException when there is none, naming the ones there are
     */
    public SimulatedEndpoint endpoint(String name) {
        SimulatedEndpoint endpoint = endpoints.get(name);
        if (endpoint == null) {
            throw new IllegalArgumentException(
                    "no simulated endpoint named '" + name + "'; there are " + endpoints.keySet());
        }
        return endpoint;
    }

    /** All endpoints in the order they were given. */
    public List<SimulatedEndpoint> endpoints() {
        return List.copyOf(endpoints.values());
    }

    /** Stops every endpoint and releases the event loops; calling it again does nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (SimulatedEndpoint endpoint : endpoints.values()) {
            try {
                endpoint.stop();
            }
            catch (RuntimeException ex) {
                log.warn("Simulated endpoint '{}' did not stop cleanly", endpoint.name(), ex);
            }
        }
        loops.disposeLater(Duration.ZERO, LOOP_SHUTDOWN_TIMEOUT).block(LOOP_SHUTDOWN_TIMEOUT.plusSeconds(1));
        if (!endpoints.isEmpty()) {
            log.info("Stopped simulated endpoints {}", endpoints.keySet());
        }
    }
}
