package io.signalbox.gateway.proxy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.netty.channel.ChannelOption;
import io.signalbox.contracts.decision.DecisionTarget;
import io.signalbox.gateway.calls.OutgoingCall;
import io.signalbox.gateway.calls.OutgoingCalls;
import io.signalbox.gateway.resilience.CallSettings;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientRequest;
import reactor.netty.resources.ConnectionProvider;

/**
 * Sends a request to one target with the target's timeouts: connect and first byte are enforced by Netty, the
 * total (when set) from the call's start until the response headers here and by the relay for the body. The
 * response body is handed back unread so that the caller can stream it. Calls are timed and carry the request's
 * trace context ({@code traceparent}) to the upstream through {@link OutgoingCalls}. All clients share one
 * connection pool.
 */
@Component
class UpstreamClient implements DisposableBean {

    private final WebClient.Builder builder;

    private final ConnectionProvider connections = ConnectionProvider.builder("signalbox-upstreams")
            .maxConnections(1_000)
            .pendingAcquireMaxCount(-1)
            .maxIdleTime(Duration.ofSeconds(30))
            .build();

    /** One client per connect timeout in use (Netty sets it per client, not per request); few in practice. */
    private final Map<Duration, WebClient> clients = new ConcurrentHashMap<>();

    /**
     * Each target's URL for each operation, parsed once. Bounded by the catalog's endpoints times the few operation
     * paths; cleared when it reaches {@link #MAX_URLS} (a catalog that churns its endpoints' addresses).
     */
    private final Map<UrlKey, URI> urls = new ConcurrentHashMap<>();

    private static final int MAX_URLS = 10_000;

    private final OutgoingCalls calls;

    UpstreamClient(WebClient.Builder builder, OutgoingCalls calls) {
        this.builder = builder;
        this.calls = calls;
    }

    /**
     * Sends the request. {@code observation} is the client request's, whose trace the call joins (null for a call
     * made for no request).
     */
    Mono<UpstreamResponse> send(DecisionTarget target, CallSettings settings, String path, Map<String, String> headers,
            byte[] body, boolean stream, @Nullable Observation observation) {
        Mono<UpstreamResponse> response = Mono.defer(() -> {
            URI url = urlOf(target.baseUrl(), path);
            OutgoingCall call = calls.start(observation, HttpMethod.POST, url.getRawPath(), url);
            return client(settings.connectTimeout()).post()
                    // a URI, not a template: WebClient expands and encodes a template string on every call
                    .uri(url)
                    .httpRequest(request -> {
                        HttpClientRequest netty = request.getNativeRequest();
                        netty.responseTimeout(settings.firstByteTimeout());
                    })
                    .headers(http -> {
                        headers.forEach(http::set);
                        call.inject(http);
                    })
                    .contentType(MediaType.APPLICATION_JSON)
                    .accept(stream ? MediaType.TEXT_EVENT_STREAM : MediaType.APPLICATION_JSON)
                    .bodyValue(body)
                    .retrieve()
                    .onStatus(status -> true, answer -> Mono.empty())
                    .toEntityFlux(DataBuffer.class)
                    .map(entity -> {
                        call.answered(entity.getStatusCode());
                        return new UpstreamResponse(entity.getStatusCode(), entity.getHeaders(),
                                entity.getBody() == null ? Flux.empty() : entity.getBody());
                    })
                    .doOnError(call::failed)
                    .doFinally(call::end);
        });
        return settings.totalTimeout() == null ? response : response.timeout(settings.totalTimeout());
    }

    private URI urlOf(String baseUrl, String path) {
        UrlKey key = new UrlKey(baseUrl, path);
        URI url = urls.get(key);
        if (url == null) {
            if (urls.size() >= MAX_URLS) {
                urls.clear();
            }
            String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
            url = URI.create(base + path);
            urls.put(key, url);
        }
        return url;
    }

    private record UrlKey(String baseUrl, String path) {
    }

    private WebClient client(Duration connectTimeout) {
        return clients.computeIfAbsent(connectTimeout, timeout -> builder.clone()
                // timed and traced by OutgoingCalls, which costs less than WebClient's observation per call
                .observationRegistry(ObservationRegistry.NOOP)
                .clientConnector(new ReactorClientHttpConnector(HttpClient.create(connections)
                        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(timeout.toMillis(), Integer.MAX_VALUE))))
                .build());
    }

    @Override
    public void destroy() {
        connections.dispose();
    }

}
