package io.signalbox.simulator.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.ServerSocket;

import io.signalbox.simulator.endpoint.EndpointSpec;
import org.junit.jupiter.api.Test;

import static io.signalbox.simulator.server.TestHttp.chat;
import static io.signalbox.simulator.server.TestHttp.get;
import static io.signalbox.simulator.server.TestHttp.json;
import static io.signalbox.simulator.server.TestHttp.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.catchThrowable;

class SimulatorServerTests {

    @Test
    void runsEachEndpointOnItsOwnPortServingOnlyItsModels() {
        try (SimulatorServer server = SimulatorServer.start(EndpointSpec.of("small", "llama-8b"),
                EndpointSpec.of("large", "llama-70b"))) {
            SimulatedEndpoint small = server.endpoint("small");
            SimulatedEndpoint large = server.endpoint("large");

            assertThat(small.port()).isPositive().isNotEqualTo(large.port());
            assertThat(small.baseUrl()).isEqualTo("http://127.0.0.1:" + small.port() + "/v1");
            assertThat(server.endpoints()).containsExactly(small, large);
            assertThat(json(get(large, "/v1/models")).get("data").get(0).get("id").stringValue())
                    .isEqualTo("llama-70b");
            assertThat(post(small, "/v1/chat/completions", chat("llama-8b", "Hi", "")).statusCode()).isEqualTo(200);
            assertThat(post(small, "/v1/chat/completions", chat("llama-70b", "Hi", "")).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void bindsTheConfiguredPort() {
        int port = freePort();

        try (SimulatorServer server = SimulatorServer.start(EndpointSpec.builder("fixed", "m").port(port).build())) {
            assertThat(server.endpoint("fixed").port()).isEqualTo(port);
            assertThat(get(server.endpoint("fixed"), "/health").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void stopsEveryEndpointOnClose() {
        SimulatorServer server = SimulatorServer.start(EndpointSpec.of("one", "m"), EndpointSpec.of("two", "m"));
        SimulatedEndpoint one = server.endpoint("one");
        SimulatedEndpoint two = server.endpoint("two");

        server.close();
        server.close();

        assertThat(catchThrowable(() -> get(one, "/health"))).cause().isInstanceOf(ConnectException.class);
        assertThat(catchThrowable(() -> get(two, "/health"))).cause().isInstanceOf(ConnectException.class);
    }

    @Test
    void startsNothingWhenOneEndpointCannotBind() {
        int releasedPort = freePort();
        try (SimulatorServer occupant = SimulatorServer.start(EndpointSpec.of("occupant", "m"))) {
            int taken = occupant.endpoint("occupant").port();

            assertThatIllegalStateException()
                    .isThrownBy(() -> SimulatorServer.start(EndpointSpec.builder("first", "m").port(releasedPort).build(),
                            EndpointSpec.builder("clash", "m").port(taken).build()))
                    .withMessage("Simulated endpoint 'clash' could not bind 127.0.0.1:" + taken);
        }
        try (SimulatorServer again = SimulatorServer.start(
                EndpointSpec.builder("first", "m").port(releasedPort).build())) {
            assertThat(again.endpoint("first").port()).as("the endpoint bound before the clash was released")
                    .isEqualTo(releasedPort);
        }
    }

    @Test
    void refusesTwoEndpointsWithOneName() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SimulatorServer.start(EndpointSpec.of("same", "a"), EndpointSpec.of("same", "b")))
                .withMessage("two endpoints are named 'same'");
    }

    @Test
    void namesTheKnownEndpointsWhenAskedForAnUnknownOne() {
        try (SimulatorServer server = SimulatorServer.start(EndpointSpec.of("small", "m"))) {
            assertThatIllegalArgumentException().isThrownBy(() -> server.endpoint("large"))
                    .withMessage("no simulated endpoint named 'large'; there are [small]");
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
