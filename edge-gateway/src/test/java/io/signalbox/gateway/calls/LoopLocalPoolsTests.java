package io.signalbox.gateway.calls;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.netty.util.concurrent.FastThreadLocalThread;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;

import static org.assertj.core.api.Assertions.assertThat;

class LoopLocalPoolsTests {

    @Test
    void eachEventLoopThreadHasItsOwnPoolAndOtherThreadsShareOne() throws Exception {
        List<ConnectionProvider> made = new CopyOnWriteArrayList<>();
        LoopLocalPools<ConnectionProvider> pools = new LoopLocalPools<>("test", name -> {
            ConnectionProvider pool = ConnectionProvider.create(name, 1);
            made.add(pool);
            return pool;
        }, pool -> pool);

        ConnectionProvider[] seen = new ConnectionProvider[4];
        Thread loopA = new FastThreadLocalThread(() -> {
            seen[0] = pools.current();
            seen[1] = pools.current();
        }, "loop-a");
        Thread loopB = new FastThreadLocalThread(() -> seen[2] = pools.current(), "loop-b");
        Thread worker = new Thread(() -> seen[3] = pools.current(), "worker");
        for (Thread thread : List.of(loopA, loopB, worker)) {
            thread.start();
            thread.join();
        }

        assertThat(seen[0]).isSameAs(seen[1]);
        assertThat(seen[0].name()).isEqualTo("test-loop-a");
        assertThat(seen[2].name()).isEqualTo("test-loop-b");
        assertThat(seen[3]).as("off the event loops: the shared pool").isSameAs(pools.current());
        assertThat(seen[3].name()).isEqualTo("test");

        pools.dispose();
        assertThat(made).hasSize(3).allMatch(ConnectionProvider::isDisposed);
    }

    /**
     * The point of the pools: a server that calls another server on every request gets the answer on the thread
     * that took the request, whatever the number of event loops and connections.
     */
    @Test
    void aCallMadeOnAnEventLoopIsAnsweredOnThatLoop() {
        DisposableServer upstream = HttpServer.create().host("127.0.0.1").port(0)
                .handle((request, response) -> response.sendString(Mono.just("ok")))
                .bindNow();
        LoopLocalPools<HttpClient> pools = new LoopLocalPools<>("affinity", name -> ConnectionProvider.create(name, 50),
                pool -> HttpClient.create(pool).baseUrl("http://127.0.0.1:" + upstream.port()));
        DisposableServer proxy = HttpServer.create().host("127.0.0.1").port(0)
                .handle((request, response) -> {
                    String took = Thread.currentThread().getName();
                    return response.sendString(pools.current().get().uri("/").responseContent().aggregate()
                            .asString().map(answer -> took + " -> " + Thread.currentThread().getName()));
                })
                .bindNow();
        try {
            // many client connections at once, so that every event loop takes requests
            HttpClient client = HttpClient.create(ConnectionProvider.create("callers", 16))
                    .baseUrl("http://127.0.0.1:" + proxy.port());
            List<String> hops = Flux.range(0, 200)
                    .flatMap(i -> client.get().uri("/").responseContent().aggregate().asString(), 16)
                    .collectList()
                    .block(Duration.ofSeconds(30));

            assertThat(hops).hasSize(200);
            List<String> loops = new ArrayList<>();
            for (String hop : hops) {
                String[] threads = hop.split(" -> ");
                assertThat(threads[1]).as("answered on the loop that took the request").isEqualTo(threads[0]);
                loops.add(threads[0]);
            }
            assertThat(loops.stream().distinct().count()).as("several loops took requests").isGreaterThan(1);
        }
        finally {
            proxy.disposeNow();
            upstream.disposeNow();
            pools.dispose();
        }
    }
}
