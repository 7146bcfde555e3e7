package io.signalbox.gateway.models;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.signalbox.contracts.decision.AvailableModel;
import io.signalbox.gateway.auth.VirtualKeyAuthenticator;
import io.signalbox.gateway.openai.OpenAiErrors;
import io.signalbox.gateway.openai.OpenAiException;
import io.signalbox.gateway.routing.RoutingClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** {@code GET /v1/models} and {@code GET /v1/models/{model}}: routes and models, in OpenAI's shape. */
@Component
public class ModelsHandler {

    private final VirtualKeyAuthenticator authenticator;

    private final RoutingClient routing;

    ModelsHandler(VirtualKeyAuthenticator authenticator, RoutingClient routing) {
        this.authenticator = authenticator;
        this.routing = routing;
    }

    public Mono<ServerResponse> list(ServerRequest request) {
        return authenticator.authenticate(request.headers().firstHeader(HttpHeaders.AUTHORIZATION))
                .flatMap(key -> routing.models(key.tenantId(), key.teamId()).map(models -> models.stream()
                        .filter(model -> key.allows(model.id())).map(ModelsHandler::entry).toList()))
                .flatMap(models -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("object", "list", "data", models)))
                .onErrorResume(OpenAiErrors::toResponse);
    }

    public Mono<ServerResponse> get(ServerRequest request) {
        // {*model} keeps the slashes of ids such as "meta-llama/Llama-3.1-8B-Instruct", and the leading one
        String id = request.pathVariable("model").substring(1);
        return authenticator.authenticate(request.headers().firstHeader(HttpHeaders.AUTHORIZATION))
                .flatMap(key -> routing.models(key.tenantId(), key.teamId()).map(models -> models.stream()
                        .filter(model -> key.allows(model.id())).toList()))
                .flatMap(models -> find(models, id)
                        .map(model -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(entry(model)))
                        .orElseGet(() -> Mono.error(OpenAiException.modelNotFound(id))))
                .onErrorResume(OpenAiErrors::toResponse);
    }

    /** Any other {@code /v1/*} path: OpenAI answers unknown URLs with a 404 in its error shape. */
    public Mono<ServerResponse> unknown(ServerRequest request) {
        return OpenAiErrors.toResponse(new OpenAiException(HttpStatus.NOT_FOUND, "invalid_request_error",
                "unknown_url", null, "Unknown request URL: " + request.method() + " " + request.path()
                        + ". This gateway serves POST /v1/chat/completions, /v1/completions, /v1/embeddings and GET /v1/models."));
    }

    private static java.util.Optional<AvailableModel> find(List<AvailableModel> models, String id) {
        return models.stream().filter(model -> model.id().equals(id)).findFirst();
    }

    private static Map<String, Object> entry(AvailableModel model) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", model.id());
        entry.put("object", "model");
        entry.put("created", model.created());
        entry.put("owned_by", model.ownedBy());
        return entry;
    }
}
