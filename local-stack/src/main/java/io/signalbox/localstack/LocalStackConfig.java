package io.signalbox.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

import io.signalbox.infra.Ports;
import org.jspecify.annotations.Nullable;

/**
 * Where everything listens and lives. {@link #defaults} uses the documented ports (gateway 8080 to cost
 * 8084, pools 9001 and 9002); {@link #onFreePorts} is for tests that must not collide with a running stack.
 *
 * @param workDirectory logs, the gateway's usage spool and other run files
 * @param servicesDirectory the services' executable jars ({@code <service>.jar})
 * @param benchUpstream when set, an OpenAI-compatible upstream to route {@code gpt-4o-mini} to, for the
 *     gateway-overhead benchmark; services then run with full JIT compilation
 */
public record LocalStackConfig(
        int gatewayPort,
        int routingPort,
        int registryPort,
        int telemetryPort,
        int costPort,
        int smallPoolPort,
        int largePoolPort,
        Path workDirectory,
        Path servicesDirectory,
        String adminToken,
        String internalToken,
        Duration startupTimeout,
        @Nullable String benchUpstream) {

    public static LocalStackConfig defaults(int portOffset, Path workDirectory) {
        return new LocalStackConfig(8080 + portOffset, 8081 + portOffset, 8082 + portOffset, 8083 + portOffset,
                8084 + portOffset, 9001 + portOffset, 9002 + portOffset, workDirectory, locateServices(),
                envOrRandom("SIGNALBOX_ADMIN_TOKEN", "sb-admin-"), envOrRandom("SIGNALBOX_INTERNAL_TOKEN", "sb-internal-"),
                Duration.ofMinutes(4), null);
    }

    public static LocalStackConfig onFreePorts(Path workDirectory) {
        return new LocalStackConfig(Ports.free(), Ports.free(), Ports.free(), Ports.free(), Ports.free(), Ports.free(),
                Ports.free(), workDirectory, locateServices(), randomToken("sb-admin-"), randomToken("sb-internal-"),
                Duration.ofMinutes(4), null);
    }

    /** The same stack, also routing {@code gpt-4o-mini} to {@code upstream} for the overhead benchmark. */
    public LocalStackConfig withBenchUpstream(String upstream) {
        return new LocalStackConfig(gatewayPort, routingPort, registryPort, telemetryPort, costPort, smallPoolPort,
                largePoolPort, workDirectory, servicesDirectory, adminToken, internalToken, startupTimeout, upstream);
    }

    public String gatewayUrl() {
        return "http://127.0.0.1:" + gatewayPort;
    }

    public String routingUrl() {
        return "http://127.0.0.1:" + routingPort;
    }

    public String registryUrl() {
        return "http://127.0.0.1:" + registryPort;
    }

    public String telemetryUrl() {
        return "http://127.0.0.1:" + telemetryPort;
    }

    public String costUrl() {
        return "http://127.0.0.1:" + costPort;
    }

    public Path logDirectory() {
        return workDirectory.resolve("logs");
    }

    /**
     * The services' jars: {@code -Dsignalbox.services-dir} when set (run-local.sh and the build set it),
     * else {@code local-stack/target/services} below the working directory, where the build puts them.
     */
    static Path locateServices() {
        String configured = System.getProperty("signalbox.services-dir");
        Path directory = configured != null ? Path.of(configured) : Path.of("local-stack", "target", "services");
        if (!Files.isDirectory(directory)) {
            throw new IllegalStateException("No service jars in " + directory.toAbsolutePath()
                    + ". Build them with ./mvnw -DskipTests package, or set -Dsignalbox.services-dir.");
        }
        return directory.toAbsolutePath();
    }

    private static String envOrRandom(String variable, String prefix) {
        String value = System.getenv(variable);
        return value != null && value.length() >= 16 ? value : randomToken(prefix);
    }

    static String randomToken(String prefix) {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public String toString() {
        return "LocalStackConfig[gateway=" + gatewayPort + ", routing=" + routingPort + ", registry=" + registryPort
                + ", telemetry=" + telemetryPort + ", cost=" + costPort + ", pools=" + smallPoolPort + "/" + largePoolPort
                + ", work=" + workDirectory + ", services=" + servicesDirectory + "]";
    }
}
