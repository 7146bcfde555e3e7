package io.signalbox.gateway.proxy;

import java.util.Map;

import io.netty.channel.ChannelOption;
import io.signalbox.contracts.decision.DecisionTarget;
import io.signalbox.gateway.GatewayProperties;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Sends a request to one target. Connect and first-byte timeouts are enforced by Netty; the response
 * body is handed back unread so that the caller can stream it. The builder is Boot's instrumented one,
 * so W3C trace context ({@code traceparent}) reaches the upstream.
 */
@Component
class UpstreamClient {

    private final WebClient client;

    private final long streamIdleMillis;

    UpstreamClient(WebClient.Builder builder, GatewayProperties properties) {
        GatewayProperties.Upstream upstream = properties.upstream();
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) upstream.connectTimeout().toMillis())
                .responseTimeout(upstream.firstByteTimeout());
        this.client = builder.clone().clientConnector(new ReactorClientHttpConnector(http)).build();
        this.streamIdleMillis = upstream.streamIdleTimeout().toMillis();
    }

    Mono<UpstreamResponse> send(DecisionTarget target, String path, Map<String, String> headers, byte[] body,
            boolean stream) {
        return client.post()
                .uri(stripTrailingSlash(target.baseUrl()) + path)
                .headers(http -> headers.forEach(http::set))
                .contentType(MediaType.APPLICATION_JSON)
                .accept(stream ? MediaType.TEXT_EVENT_STREAM : MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .retrieve()
                .onStatus(status -> true, response -> Mono.empty())
                .toEntityFlux(DataBuffer.class)
                .map(entity -> new UpstreamResponse(entity.getStatusCode(), entity.getHeaders(),
                        entity.getBody() == null ? Flux.empty() : entity.getBody()));
    }

    long streamIdleMillis() {
        return streamIdleMillis;
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
