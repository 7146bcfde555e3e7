package io.signalbox.gateway.routing;

import java.util.Arrays;
import java.util.List;

import io.signalbox.contracts.decision.AvailableModel;
import io.signalbox.contracts.decision.DecisionRequest;
import io.signalbox.contracts.decision.DecisionResponse;
import io.signalbox.contracts.json.ContractJson;
import io.signalbox.gateway.GatewayProperties;
import io.signalbox.gateway.openai.OpenAiException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;

/** Asks routing-service where a request should go, over one kept-alive connection pool. */
@Component
public class RoutingClient {

    private final WebClient routing;

    RoutingClient(WebClient.Builder builder, GatewayProperties properties) {
        this.routing = builder.clone()
                .baseUrl(properties.routingUrl().toString())
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + properties.internalToken())
                .build();
    }

    public Mono<DecisionResponse> decide(DecisionRequest request) {
        return routing.post()
                .uri("/v1/decisions")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(ContractJson.toJson(request))
                .retrieve()
                .bodyToMono(String.class)
                .map(json -> ContractJson.fromJson(json, DecisionResponse.class))
                .onErrorMap(WebClientResponseException.class, failure -> translate(failure, request.model()))
                .onErrorMap(failure -> !(failure instanceof OpenAiException), failure -> unavailable());
    }

    public Mono<List<AvailableModel>> models() {
        return routing.get()
                .uri("/v1/models")
                .retrieve()
                .bodyToMono(String.class)
                .map(json -> Arrays.asList(ContractJson.fromJson(json, AvailableModel[].class)))
                .onErrorMap(failure -> !(failure instanceof OpenAiException), failure -> unavailable());
    }

    private static OpenAiException translate(WebClientResponseException failure, String model) {
        HttpStatus status = HttpStatus.resolve(failure.getStatusCode().value());
        if (status == HttpStatus.NOT_FOUND) {
            return OpenAiException.modelNotFound(model);
        }
        if (status == HttpStatus.BAD_REQUEST || status == HttpStatus.UNPROCESSABLE_CONTENT) {
            String detail = ContractJson.mapper().readTree(failure.getResponseBodyAsString()).path("detail")
                    .asString("The request cannot be routed.");
            return OpenAiException.invalidRequest("unroutable_request", null, detail);
        }
        return unavailable();
    }

    private static OpenAiException unavailable() {
        return OpenAiException.serviceUnavailable("routing_unavailable",
                "The gateway cannot route requests right now. Retry shortly.");
    }
}
