package io.signalbox.simulator.standalone;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * {@code java -jar inference-simulator-<version>-exec.jar [--spring.config.additional-location=sim.yml]}.
 *
 * <p>The standalone configuration is {@value #CONFIG_NAME}{@code .yml}, not {@code application.yml}: the plain
 * jar is a test dependency of Spring Boot services, and an {@code application.yml} in it would configure any
 * of them that has none of its own (no web server, a JVM kept alive, two endpoints on fixed ports).
 */
@SpringBootApplication
public class SimulatorApplication {

    /** The base name of the standalone configuration file on the classpath. */
    public static final String CONFIG_NAME = "signalbox-simulator";

    public static void main(String[] args) {
        application().run(args);
    }

    /**
     * The standalone application, reading {@value #CONFIG_NAME}{@code .yml}. A default property, so
     * {@code --spring.config.name} on the command line still wins.
     */
    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(SimulatorApplication.class);
        application.setDefaultProperties(Map.<String, Object>of("spring.config.name", CONFIG_NAME));
        return application;
    }
}
