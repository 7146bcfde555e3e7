package io.signalbox.telemetry;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP server on 127.0.0.1 playing an alert webhook: it records every request and answers with the statuses
 * it is told to, in order, then 204.
 */
public final class WebhookReceiver implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;

    private final ConcurrentLinkedDeque<Received> received = new ConcurrentLinkedDeque<>();

    private final ConcurrentLinkedDeque<Integer> answers = new ConcurrentLinkedDeque<>();

    private final AtomicInteger calls = new AtomicInteger();

    private WebhookReceiver(HttpServer server) {
        this.server = server;
    }

    public static WebhookReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            WebhookReceiver receiver = new WebhookReceiver(server);
            server.createContext("/hook", exchange -> {
                try (InputStream body = exchange.getRequestBody()) {
                    String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
                    Integer status = receiver.answers.pollFirst();
                    int answer = status == null ? 204 : status;
                    receiver.calls.incrementAndGet();
                    receiver.received.add(new Received(exchange.getRequestHeaders().getFirst("X-Signalbox-Alert-Id"),
                            exchange.getRequestHeaders().getFirst("X-Signalbox-Notice-Id"),
                            exchange.getRequestHeaders().getFirst("Content-Type"), JSON.readTree(text), answer));
                    exchange.sendResponseHeaders(answer, -1);
                }
                finally {
                    exchange.close();
                }
            });
            server.start();
            return receiver;
        }
        catch (IOException ex) {
            throw new IllegalStateException("Cannot start the webhook receiver", ex);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** The next requests are answered with these statuses, in order. */
    public void answerNext(int... statuses) {
        for (int status : statuses) {
            answers.add(status);
        }
    }

    /** Every request so far, oldest first. */
    public List<Received> received() {
        return new ArrayList<>(received);
    }

    /** The notices (bodies) answered with a 2xx, oldest first. */
    public List<JsonNode> delivered() {
        return received.stream().filter(r -> r.status() / 100 == 2).map(Received::body).toList();
    }

    public void clear() {
        received.clear();
        answers.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** One request and the status it was answered with. */
    public record Received(String alertId, String noticeId, String contentType, JsonNode body, int status) {
    }
}
