package io.signalbox.gateway.proxy;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.netty.channel.ChannelOption;
import io.signalbox.contracts.decision.DecisionTarget;
import io.signalbox.gateway.resilience.CallSettings;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.io.buffer.DataBuffer;
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
 * response body is handed back unread so that the caller can stream it. The builder is Boot's instrumented
 * one, so W3C trace context ({@code traceparent}) reaches the upstream. All clients share one connection pool.
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

    UpstreamClient(WebClient.Builder builder) {
        this.builder = builder;
    }

    Mono<UpstreamResponse> send(DecisionTarget target, CallSettings settings, String path, Map<String, String> headers,
            byte[] body, boolean stream) {
        Mono<UpstreamResponse> response = client(settings.connectTimeout()).post()
                .uri(stripTrailingSlash(target.baseUrl()) + path)
                .httpRequest(request -> {
                    HttpClientRequest netty = request.getNativeRequest();
                    netty.responseTimeout(settings.firstByteTimeout());
                })
                .headers(http -> headers.forEach(http::set))
                .contentType(MediaType.APPLICATION_JSON)
                .accept(stream ? MediaType.TEXT_EVENT_STREAM : MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .retrieve()
                .onStatus(status -> true, answer -> Mono.empty())
                .toEntityFlux(DataBuffer.class)
                .map(entity -> new UpstreamResponse(entity.getStatusCode(), entity.getHeaders(),
                        entity.getBody() == null ? Flux.empty() : entity.getBody()));
        return settings.totalTimeout() == null ? response : response.timeout(settings.totalTimeout());
    }

    private WebClient client(Duration connectTimeout) {
        return clients.computeIfAbsent(connectTimeout, timeout -> builder.clone()
                .clientConnector(new ReactorClientHttpConnector(HttpClient.create(connections)
                        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(timeout.toMillis(), Integer.MAX_VALUE))))
                .build());
    }

    @Override
    public void destroy() {
        connections.dispose();
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
