package io.signalbox.gateway.calls;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.netty.util.concurrent.FastThreadLocalThread;
import reactor.netty.resources.ConnectionProvider;

/**
 * A connection pool, and what is built on it, per event loop. A call made on one of the gateway's event loops
 * takes a connection from that loop's own pool, which only that loop ever fills: Reactor Netty registers a new
 * connection on the event loop that asks for it. The call, its answer and the client's response then stay on one
 * thread. With one shared pool, a request hops to whichever loop the borrowed connection belongs to and back,
 * twice per request (routing-service, then the upstream); each hop is a wake-up of another thread and, on a busy
 * machine, a wait until it is scheduled. Calls from any other thread share one pool.
 *
 * @param <C> the client built on each pool
 */
public final class LoopLocalPools<C> {

    /** Past this many threads with a pool of their own, further ones share: event loops are few and long-lived. */
    private static final int MAX_LOOPS = 64;

    private final String name;

    private final Function<String, ConnectionProvider> pools;

    private final Function<ConnectionProvider, C> clients;

    private final Map<Thread, Local<C>> byLoop = new ConcurrentHashMap<>();

    private final Local<C> shared;

    /**
     * @param name the pools' name; each loop's pool is named after it and the loop's thread
     * @param pools makes a pool of the given name
     * @param clients builds the client that uses a pool
     */
    public LoopLocalPools(String name, Function<String, ConnectionProvider> pools,
            Function<ConnectionProvider, C> clients) {
        this.name = name;
        this.pools = pools;
        this.clients = clients;
        this.shared = local(name);
    }

    /** The client of the calling event loop's pool, or the shared one off the event loops. */
    public C current() {
        Thread thread = Thread.currentThread();
        if (!(thread instanceof FastThreadLocalThread)) {
            return shared.client();
        }
        Local<C> local = byLoop.get(thread);
        if (local == null) {
            if (byLoop.size() >= MAX_LOOPS) {
                return shared.client();
            }
            local = byLoop.computeIfAbsent(thread, loop -> local(name + "-" + loop.getName()));
        }
        return local.client();
    }

    /** Closes every pool. */
    public void dispose() {
        shared.pool().dispose();
        byLoop.values().forEach(local -> local.pool().dispose());
        byLoop.clear();
    }

    private Local<C> local(String poolName) {
        ConnectionProvider pool = pools.apply(poolName);
        return new Local<>(pool, clients.apply(pool));
    }

    private record Local<C>(ConnectionProvider pool, C client) {
    }
}
