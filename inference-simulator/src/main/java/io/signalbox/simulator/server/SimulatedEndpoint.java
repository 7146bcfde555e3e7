package io.signalbox.simulator.server;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.signalbox.simulator.anthropic.AnthropicApi;
import io.signalbox.simulator.endpoint.EndpointSpec;
import io.signalbox.simulator.endpoint.RecordedRequest;
import io.signalbox.simulator.endpoint.RequestLog;
import io.signalbox.simulator.engine.EngineDriver;
import io.signalbox.simulator.engine.EngineStats;
import io.signalbox.simulator.engine.InferenceEngine;
import io.signalbox.simulator.faults.FaultInjector;
import io.signalbox.simulator.faults.FaultJson;
import io.signalbox.simulator.faults.FaultSpec;
import io.signalbox.simulator.inference.Inference;
import io.signalbox.simulator.metrics.VllmMetrics;
import io.signalbox.simulator.openai.OpenAiApi;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.LoopResources;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** One bound endpoint: where it listens, what it serves and what it received. */
public final class SimulatedEndpoint {

    private static final Duration BIND_TIMEOUT = Duration.ofSeconds(10);

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final EndpointSpec spec;

    private final RequestLog requestLog;

    private final EngineDriver engine;

    private final FaultInjector faults;

    private final DisposableServer server;

    private SimulatedEndpoint(EndpointSpec spec, RequestLog requestLog, EngineDriver engine, FaultInjector faults,
            DisposableServer server) {
        this.spec = spec;
        this.requestLog = requestLog;
        this.engine = engine;
        this.faults = faults;
        this.server = server;
    }

    static SimulatedEndpoint bind(EndpointSpec spec, LoopResources loops, Scheduler timer) {
        RequestLog requestLog = new RequestLog(spec.requestLogSize());
        EngineDriver engine = new EngineDriver(
                new InferenceEngine(spec.engine(), spec.ttft(), spec.timePerOutputToken()), timer, System::nanoTime);
        FaultInjector faults = new FaultInjector(spec.faults(), System::nanoTime);
        Inference inference = new Inference(spec, requestLog, engine, faults);
        OpenAiApi api = new OpenAiApi(inference);
        AnthropicApi anthropic = new AnthropicApi(inference);
        VllmMetrics metrics = new VllmMetrics(spec.models().getFirst(), !spec.loraAdapters().isEmpty());
        DisposableServer server = HttpServer.create()
                .host(spec.host())
                .port(spec.port())
                .runOn(loops)
                .route(routes -> routes
                        .post("/v1/chat/completions", api::chatCompletions)
                        .post("/v1/completions", api::completions)
                        .post("/v1/embeddings", api::embeddings)
                        .post("/v1/messages", anthropic::messages)
                        .get("/v1/models", api::models)
                        .get("/health", (request, response) -> sendJson(response, "{\"status\":\"UP\"}"))
                        .get("/metrics", (request, response) -> sendText(response, VllmMetrics.CONTENT_TYPE,
                                metrics.render(engine.stats(), System.currentTimeMillis() / 1000.0)))
                        .get("/sim/faults", (request, response) -> sendJson(response,
                                FaultJson.write(JSON, faults.current())))
                        .post("/sim/faults", (request, response) -> setFaults(request, response, faults))
                        .delete("/sim/faults", (request, response) -> {
                            faults.set(FaultSpec.none());
                            return sendJson(response, FaultJson.write(JSON, FaultSpec.none()));
                        })
                        .get("/sim/requests", (request, response) ->
                                sendJson(response, requestsJson(requestLog.snapshot())))
                        .route(request -> true, api::invalidUrl))
                .bindNow(BIND_TIMEOUT);
        return new SimulatedEndpoint(spec, requestLog, engine, faults, server);
    }

    public String name() {
        return spec.name();
    }

    public EndpointSpec spec() {
        return spec;
    }

    public List<String> models() {
        return spec.models();
    }

    /** The bound port; the actual one when the spec asked for port 0. */
    public int port() {
        return server.port();
    }

    /** {@code http://host:port}, with a wildcard bind address replaced by the loopback address. */
    public String rootUrl() {
        String host = spec.host();
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            host = "127.0.0.1";
        }
        else if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + port();
    }

    /** What an OpenAI client takes as its base URL: {@code http://host:port/v1}. */
    public String baseUrl() {
        return rootUrl() + "/v1";
    }

    /** The most recent requests, oldest first; the same list {@code GET /sim/requests} shows. */
    public List<RecordedRequest> requests() {
        return requestLog.snapshot();
    }

    /** The engine's state now: running and waiting sequences, KV cache, counters. */
    public EngineStats engineStats() {
        return engine.stats();
    }

    /** Replaces this endpoint's faults, as {@code POST /sim/faults} does; outage windows start now. */
    public void setFaults(FaultSpec faults) {
        this.faults.set(faults);
    }

    public FaultSpec faults() {
        return faults.current();
    }

    void stop() {
        server.disposeNow(STOP_TIMEOUT);
    }

    @Override
    public String toString() {
        return "SimulatedEndpoint[" + name() + " " + models() + " at " + baseUrl() + "]";
    }

    private static String requestsJson(List<RecordedRequest> requests) {
        ArrayNode root = JSON.createArrayNode();
        for (RecordedRequest request : requests) {
            ObjectNode entry = root.addObject();
            entry.put("method", request.method());
            entry.put("path", request.path());
            entry.put("model", request.model());
            entry.put("stream", request.stream());
            ObjectNode headers = entry.putObject("headers");
            request.headers().forEach(headers::put);
            entry.put("receivedAt", request.receivedAt().toString());
        }
        return JSON.writeValueAsString(root);
    }

    private static Mono<Void> setFaults(HttpServerRequest request, HttpServerResponse response,
            FaultInjector faults) {
        return request.receive().aggregate().asString(StandardCharsets.UTF_8).defaultIfEmpty("").flatMap(body -> {
            FaultSpec parsed;
            try {
                parsed = FaultJson.read(JSON.readTree(body.isBlank() ? "{}" : body));
            }
            catch (JacksonException | IllegalArgumentException ex) {
                return sendJson(response.status(HttpResponseStatus.BAD_REQUEST), badFaults(ex.getMessage()));
            }
            faults.set(parsed);
            return sendJson(response, FaultJson.write(JSON, parsed));
        });
    }

    private static String badFaults(String message) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("message", "Invalid faults: " + message);
        error.put("type", "invalid_request_error");
        error.putNull("param");
        error.putNull("code");
        return JSON.writeValueAsString(root);
    }

    private static Mono<Void> sendJson(HttpServerResponse response, String body) {
        return sendText(response, "application/json", body);
    }

    private static Mono<Void> sendText(HttpServerResponse response, String contentType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return response
                .header(HttpHeaderNames.CONTENT_TYPE, contentType)
                .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(bytes.length))
                .send(Mono.just(Unpooled.wrappedBuffer(bytes)))
                .then();
    }
}
