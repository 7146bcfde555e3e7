package io.signalbox.routing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import io.signalbox.contracts.json.ContractJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Talks to the service under test over real HTTP, as the gateway does: JSON written and read with
 * ContractJson, the internal token as a bearer token.
 */
public final class ServiceClient {

    public static final String ADMIN_TOKEN = "admin-token-for-routing-tests";

    public static final String INTERNAL_TOKEN = "internal-token-for-routing-tests";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;

    public ServiceClient(int port) {
        this.baseUrl = "http://127.0.0.1:" + port;
    }

    public HttpResponse<String> postDecision(Object body) {
        return post("/v1/decisions", ContractJson.toJson(body), INTERNAL_TOKEN, Map.of());
    }

    public HttpResponse<String> post(String path, String json, @Nullable String token, Map<String, String> headers) {
        HttpRequest.Builder request = request(path, token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(request::header);
        return send(request.build());
    }

    public HttpResponse<String> get(String path, @Nullable String token) {
        return send(request(path, token).GET().build());
    }

    public static JsonNode json(HttpResponse<String> response) {
        return ContractJson.mapper().readTree(response.body());
    }

    private HttpRequest.Builder request(String path, @Nullable String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
