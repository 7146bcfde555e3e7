package io.signalbox.simulator.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.signalbox.simulator.endpoint.EndpointSpec;
import io.signalbox.simulator.engine.EngineSpec;
import io.signalbox.simulator.engine.EngineStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.signalbox.simulator.server.TestHttp.chat;
import static io.signalbox.simulator.server.TestHttp.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A client that hangs up frees its batch slot and KV blocks at once, as vLLM aborts the request of a closed
 * connection, instead of holding them until its scheduled end (here 50 tokens × 200 ms = 10 s away).
 */
class DisconnectHttpTests {

    private static final Duration SOON = Duration.ofSeconds(3);

    private SimulatorServer server;

    private SimulatedEndpoint endpoint;

    @BeforeEach
    void start() {
        server = SimulatorServer.start(EndpointSpec.builder("one-slot", "m")
                .ttft(Duration.ofMillis(20))
                .timePerOutputToken(Duration.ofMillis(200))
                .outputTokens(50, 50)
                .engine(EngineSpec.unbounded().withMaxRunningSequences(1))
                .build());
        endpoint = server.endpoint("one-slot");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void hangingUpOnAPendingAnswerFreesTheSlotAndTheKvBlocksAtOnce() throws IOException {
        try (Socket client = send("/v1/chat/completions", chat("m", "A long answer, please", ""))) {
            await().atMost(SOON).until(() -> endpoint.engineStats().running() == 1);
            assertThat(endpoint.engineStats().usedBlocks()).isPositive();
        }

        await().atMost(SOON).untilAsserted(() -> {
            EngineStats stats = endpoint.engineStats();
            assertThat(stats.running()).isZero();
            assertThat(stats.usedBlocks()).isZero();
            assertThat(stats.requestsCancelled()).isOne();
            assertThat(stats.requestsFinished()).isZero();
        });
        long started = System.nanoTime();
        assertThat(post(endpoint, "/v1/chat/completions", chat("m", "Next", "\"max_completion_tokens\":1"))
                .statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the freed slot takes the next request at once")
                .isLessThan(SOON);
    }

    @Test
    void hangingUpMidStreamEndsTheSequenceAndCountsOnlyTheTokensSent() throws IOException {
        try (Socket client = send("/v1/chat/completions", chat("m", "Stream a long answer", "\"stream\":true"));
                BufferedReader events = new BufferedReader(
                        new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8))) {
            String line = events.readLine();
            while (line != null && !line.contains("\"content\":\"")) {
                line = events.readLine();
            }
            assertThat(line).as("the stream started").isNotNull();
        }

        await().atMost(SOON).untilAsserted(() -> {
            EngineStats stats = endpoint.engineStats();
            assertThat(stats.running()).isZero();
            assertThat(stats.usedBlocks()).isZero();
            assertThat(stats.requestsCancelled()).isOne();
            assertThat(stats.generationTokens()).as("tokens decoded before the hang-up, not all 50")
                    .isBetween(1L, 49L);
        });
    }

    @Test
    void hangingUpWhileQueuedLeavesTheQueueAndTheRunningRequestAlone() throws IOException {
        try (Socket running = send("/v1/chat/completions", chat("m", "First", ""))) {
            await().atMost(SOON).until(() -> endpoint.engineStats().running() == 1);
            try (Socket queued = send("/v1/completions", "{\"model\":\"m\",\"prompt\":\"Second\"}")) {
                await().atMost(SOON).until(() -> endpoint.engineStats().waiting() == 1);
            }

            await().atMost(SOON).untilAsserted(() -> {
                EngineStats stats = endpoint.engineStats();
                assertThat(stats.waiting()).isZero();
                assertThat(stats.running()).isOne();
                assertThat(stats.requestsCancelled()).isZero();
            });
        }
    }

    /** Sends a request on a raw connection, so the test decides exactly when the client goes away. */
    private Socket send(String path, String body) {
        try {
            Socket socket = new Socket("127.0.0.1", endpoint.port());
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            return socket;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
