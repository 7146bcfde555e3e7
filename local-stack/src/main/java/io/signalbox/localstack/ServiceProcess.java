package io.signalbox.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service running as a child JVM from its executable jar, output to a log file. Ready means its
 * actuator readiness probe answers 200, which is also what Kubernetes waits for.
 */
final class ServiceProcess implements AutoCloseable {

    /** A dev stack favours start-up time and a small footprint over peak throughput. */
    static final List<String> DEV_JVM = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k", "-Xmx512m");

    /**
     * For measurements: full JIT, a bounded heap, as a production container would run it. With the serial
     * collector every GC the JVM starts for its own bookkeeping is a full, stop-the-world one: metaspace growing
     * past its first threshold (22 MB by default) and each 15 % of the code cache compiled since the last
     * unloading each cost one of 120-750 ms per service while warming up. Starting metaspace at its cap and
     * unloading code only after half the (128 MB) code cache is new leaves young collections alone; the GC log
     * lines in each service's log show it.
     */
    static final List<String> BENCH_JVM = List.of("-XX:+UseSerialGC", "-Xms256m", "-Xmx256m", "-Xss512k",
            "-XX:ReservedCodeCacheSize=128m", "-XX:SweeperThreshold=50", "-XX:MetaspaceSize=160m",
            "-XX:MaxMetaspaceSize=160m", "-Xlog:gc:stdout");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;

    private final int port;

    private final Process process;

    private final Path logFile;

    private ServiceProcess(String name, int port, Process process, Path logFile) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.logFile = logFile;
    }

    static ServiceProcess start(String name, Path jar, int port, List<String> jvmOptions, List<String> arguments,
            Map<String, String> environment, Path logDirectory) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No executable jar for " + name + " at " + jar
                    + ". Build first: ./mvnw -DskipTests package");
        }
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.add("--server.port=" + port);
        command.add("--server.address=127.0.0.1");
        command.addAll(arguments);
        Path logFile = logDirectory.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile());
        builder.environment().putAll(environment);
        try {
            Files.createDirectories(logDirectory);
            return new ServiceProcess(name, port, builder.start(), logFile);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot start " + name, ex);
        }
    }

    String name() {
        return name;
    }

    Path logFile() {
        return logFile;
    }

    long pid() {
        return process.pid();
    }

    /** Waits for the readiness probe; fails early, with the end of the log, when the process dies. */
    void awaitReady(Instant deadline) {
        URI readiness = URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness");
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue() + ". Last lines of "
                        + logFile + ":\n" + tail(40));
            }
            try {
                HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2))
                        .GET().build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            }
            catch (IOException notYet) {
                // not listening yet
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + name, ex);
            }
            pause();
        }
        throw new IllegalStateException(name + " was not ready in time. Last lines of " + logFile + ":\n" + tail(40));
    }

    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        }
        catch (IOException ex) {
            return "(log unreadable: " + ex.getMessage() + ")";
        }
    }

    /** Asks the service to stop (SIGTERM: Spring shuts down gracefully), then insists. */
    void stopAsync() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
    }

    @Override
    public void close() {
        stopAsync();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        catch (InterruptedException ex) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static void pause() {
        try {
            Thread.sleep(250);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
