package io.signalbox.gateway.proxy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.netty.channel.ChannelOption;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.signalbox.contracts.decision.DecisionTarget;
import io.signalbox.gateway.calls.LoopLocalPools;
import io.signalbox.gateway.calls.LoopTimers;
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
import reactor.netty.Connection;
import reactor.netty.NettyPipeline;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientRequest;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.resources.ConnectionProvider;

/**
 * Sends a request to one target with the target's timeouts. Netty enforces three: connect; first byte, from
 * the request sent until the response headers; and the body's idle timeout, the longest silence between two
 * reads of the body once the headers arrived (a stream's {@code streamIdleTimeout}, one timer per connection
 * that is pushed back by every read, rather than one per chunk). The total (when set) is enforced here until the
 * response headers and by the relay for the body. The response body is handed back unread so that the caller
 * can stream it. Calls are timed and carry the request's trace context ({@code traceparent}) to the upstream
 * through {@link OutgoingCalls}. Each event loop has its own connection pool ({@link LoopLocalPools}).
 */
@Component
class UpstreamClient implements DisposableBean {

    private final WebClient.Builder builder;

    /** A pool per event loop, so that an upstream call stays on the loop that makes it ({@link LoopLocalPools}). */
    private final LoopLocalPools<Clients> pools = new LoopLocalPools<>("signalbox-upstreams",
            name -> ConnectionProvider.builder(name)
                    .maxConnections(1_000)
                    .pendingAcquireMaxCount(-1)
                    .maxIdleTime(Duration.ofSeconds(30))
                    .build(),
            Clients::new);

    /**
     * Each target's URL for each operation, parsed once. Bounded by the catalog's endpoints times the few operation
     * paths; cleared when it reaches {@link #MAX_URLS} (a catalog that churns its endpoints' addresses).
     */
    private final Map<UrlKey, URI> urls = new ConcurrentHashMap<>();

    private static final int MAX_URLS = 10_000;

    /** Reactor context key of a call's body idle timeout, read when its response headers arrive. */
    private static final String BODY_IDLE_TIMEOUT = UpstreamClient.class.getName() + ".bodyIdleTimeout";

    private static final String BODY_IDLE_HANDLER = "signalbox.bodyIdleTimeout";

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
            return pools.current().client(settings.connectTimeout()).post()
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
                    .doFinally(call::end)
                    .contextWrite(context -> context.put(BODY_IDLE_TIMEOUT, settings.streamIdleTimeout()));
        });
        return settings.totalTimeout() == null ? response : LoopTimers.within(response, settings.totalTimeout());
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

    /** The clients on one pool: one per connect timeout in use (Netty sets it per client, not per request). */
    private final class Clients {

        private final ConnectionProvider pool;

        private final Map<Duration, WebClient> byConnectTimeout = new ConcurrentHashMap<>();

        Clients(ConnectionProvider pool) {
            this.pool = pool;
        }

        WebClient client(Duration connectTimeout) {
            return byConnectTimeout.computeIfAbsent(connectTimeout, timeout -> builder.clone()
                    // timed and traced by OutgoingCalls, which costs less than WebClient's observation per call
                    .observationRegistry(ObservationRegistry.NOOP)
                    .clientConnector(new ReactorClientHttpConnector(HttpClient.create(pool)
                            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(timeout.toMillis(), Integer.MAX_VALUE))
                            .doOnResponse(UpstreamClient::bodyIdleTimeout)))
                    .build());
        }
    }

    /**
     * Swaps the first-byte timeout for the body's idle timeout as the headers arrive. Netty's response timeout is
     * a read timeout that would otherwise stay until the body ends: a target given a short first-byte timeout
     * would then have its streams cut at the first pause that long, whatever its stream idle timeout. The new
     * handler goes with the exchange: Reactor Netty removes it before the connection returns to the pool.
     */
    private static void bodyIdleTimeout(HttpClientResponse response, Connection connection) {
        connection.removeHandler(NettyPipeline.ResponseTimeoutHandler);
        Duration idle = response.currentContextView().getOrDefault(BODY_IDLE_TIMEOUT, null);
        if (idle != null) {
            connection.addHandlerFirst(BODY_IDLE_HANDLER, new ReadTimeoutHandler(idle.toNanos(), TimeUnit.NANOSECONDS));
        }
    }

    @Override
    public void destroy() {
        pools.dispose();
    }

}
