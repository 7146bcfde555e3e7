package io.signalbox.infra;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;
import redis.embedded.core.ExecutableProvider;

/**
 * A real Redis server (the redis-server binary packaged by embedded-redis) on 127.0.0.1, without persistence: it
 * holds rate-limit counters, which are meant to expire anyway.
 *
 * <p>The process is started and stopped here rather than through embedded-redis's {@code RedisServer}, which
 * registers a JVM shutdown hook of its own that stops the server. Shutdown hooks run concurrently, so the local
 * stack's Redis went away while its gateway was still stopping (the gateway logged refused reconnects and
 * errors). Whoever starts this server stops it: the local stack after its services, the tests' shared
 * infrastructure from its own hook.
 */
public final class EmbeddedRedisServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final Process process;

    private final int port;

    private EmbeddedRedisServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts a server on {@code port}, or on a free port when 0, and returns once it accepts connections. */
    public static EmbeddedRedisServer start(int port) {
        int chosen = port > 0 ? port : Ports.free();
        @Nullable Process process = null;
        try {
            File binary = ExecutableProvider.newJarResourceProvider().get();
            List<String> command = List.of(binary.getAbsolutePath(),
                    "--bind", "127.0.0.1", "--port", Integer.toString(chosen), "--save", "", "--appendonly", "no");
            process = new ProcessBuilder(command).directory(binary.getParentFile()).redirectErrorStream(true).start();
            awaitReady(process, chosen);
            return new EmbeddedRedisServer(process, chosen);
        }
        catch (IOException ex) {
            stop(process);
            throw new UncheckedIOException("Could not start the embedded Redis server on port " + chosen, ex);
        }
        catch (RuntimeException ex) {
            stop(process);
            throw ex;
        }
    }

    /**
     * Reads the server's output until it says it is ready, then keeps draining it on a daemon thread so that a
     * full pipe never blocks the server.
     */
    private static void awaitReady(Process process, int port) throws IOException {
        BufferedReader output = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Void> ready = new CompletableFuture<>();
        StringBuilder seen = new StringBuilder();
        Thread reader = new Thread(() -> {
            try {
                String line;
                while ((line = output.readLine()) != null) {
                    if (!ready.isDone()) {
                        seen.append(line).append('\n');
                        if (line.contains("Ready to accept connections")) {
                            ready.complete(null);
                        }
                    }
                }
                ready.completeExceptionally(new IOException("redis-server exited before it was ready:\n" + seen));
            }
            catch (IOException ex) {
                ready.completeExceptionally(ex);
            }
        }, "embedded-redis-" + port + "-output");
        reader.setDaemon(true);
        reader.start();
        try {
            ready.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while redis-server was starting", ex);
        }
        catch (TimeoutException ex) {
            throw new IOException("redis-server was not ready within " + START_TIMEOUT.toSeconds() + " s", ex);
        }
        catch (ExecutionException ex) {
            throw ex.getCause() instanceof IOException io ? io : new IOException(ex.getCause());
        }
    }

    public int port() {
        return port;
    }

    /** Whether the server process is running. */
    public boolean isRunning() {
        return process.isAlive();
    }

    /** Stops the server (SIGTERM, then SIGKILL after 10 s) and returns once its process has ended. */
    @Override
    public void close() {
        stop(process);
    }

    private static void stop(@Nullable Process process) {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
