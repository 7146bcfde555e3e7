package io.signalbox.infra;

import java.io.IOException;
import java.io.UncheckedIOException;

import redis.embedded.RedisServer;

/**
 * A real Redis server (the redis-server 6.2 binary packaged by embedded-redis) on 127.0.0.1, without
 * persistence: it holds rate-limit counters, which are meant to expire anyway.
 */
public final class EmbeddedRedisServer implements AutoCloseable {

    private final RedisServer server;

    private final int port;

    private EmbeddedRedisServer(RedisServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts a server on {@code port}, or on a free port when 0. */
    public static EmbeddedRedisServer start(int port) {
        int chosen = port > 0 ? port : Ports.free();
        try {
            RedisServer server = RedisServer.newRedisServer()
                    .bind("127.0.0.1")
                    .port(chosen)
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .onShutdownForceStop(false)
                    .build();
            server.start();
            return new EmbeddedRedisServer(server, chosen);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not start the embedded Redis server on port " + chosen, ex);
        }
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        try {
            server.stop();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not stop the embedded Redis server", ex);
        }
    }
}
