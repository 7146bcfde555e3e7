package io.signalbox.simulator.standalone;

import java.nio.file.Files;
import java.nio.file.Path;

import io.signalbox.simulator.server.SimulatedEndpoint;
import io.signalbox.simulator.server.SimulatorServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** Starts the standalone application the way {@code java -jar} does, through {@link SimulatorApplication}. */
class StandaloneLaunchTests {

    @Test
    void shipsNoApplicationYmlThatWouldConfigureAnEmbeddingApplication() {
        ClassLoader loader = getClass().getClassLoader();

        assertThat(loader.getResource("application.yml")).isNull();
        assertThat(loader.getResource("application.properties")).isNull();
        assertThat(loader.getResource(SimulatorApplication.CONFIG_NAME + ".yml")).isNotNull();
    }

    @Test
    void standaloneMainReadsItsOwnConfigurationFile() {
        try (ConfigurableApplicationContext context = SimulatorApplication.application().run(
                "--SIGNALBOX_SIMULATOR_8B_PORT=0", "--SIGNALBOX_SIMULATOR_70B_PORT=0")) {
            SimulatorServer server = context.getBean(SimulatorServer.class);

            assertThat(server.endpoints()).extracting(SimulatedEndpoint::name)
                    .containsExactly("llama-3.1-8b", "llama-3.1-70b");
            assertThat(context.getEnvironment().getProperty("spring.main.web-application-type",
                    WebApplicationType.class)).isEqualTo(WebApplicationType.NONE);
        }
    }

    @Test
    void additionalLocationReplacesTheDefaultEndpointList(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("sim.yml");
        Files.writeString(file, """
                signalbox:
                  simulator:
                    endpoints:
                      - name: only
                        port: 0
                        models: [custom-model]
                """);

        try (ConfigurableApplicationContext context = SimulatorApplication.application().run(
                "--spring.config.additional-location=" + file.toUri())) {
            SimulatorServer server = context.getBean(SimulatorServer.class);

            assertThat(server.endpoints()).extracting(SimulatedEndpoint::name).containsExactly("only");
            assertThat(server.endpoint("only").models()).containsExactly("custom-model");
        }
    }
}
