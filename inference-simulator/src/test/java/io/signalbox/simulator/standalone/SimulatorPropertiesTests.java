package io.signalbox.simulator.standalone;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import io.signalbox.simulator.endpoint.EndpointSpec;
import io.signalbox.simulator.engine.EngineSpec;
import io.signalbox.simulator.faults.FaultSpec;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatorPropertiesTests {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class,
                    ValidationAutoConfiguration.class))
            .withUserConfiguration(SimulatorConfiguration.class);

    @Test
    void defaultConfigurationRunsTheTwoLlamaEndpointsOnPorts9001And9002() throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        List<PropertySource<?>> yaml = new YamlPropertySourceLoader()
                .load(SimulatorApplication.CONFIG_NAME + ".yml",
                        new ClassPathResource(SimulatorApplication.CONFIG_NAME + ".yml"));
        yaml.forEach(environment.getPropertySources()::addLast);

        List<EndpointSpec> specs = Binder.get(environment)
                .bind("signalbox.simulator", SimulatorProperties.class).get().specs();

        assertThat(specs).hasSize(2);
        EndpointSpec small = specs.get(0);
        assertThat(small.port()).isEqualTo(9001);
        assertThat(small.models()).containsExactly("meta-llama/Llama-3.1-8B-Instruct");
        assertThat(small.ttft()).isEqualTo(Duration.ofMillis(30));
        assertThat(small.timePerOutputToken()).isEqualTo(Duration.ofMillis(8));
        EndpointSpec large = specs.get(1);
        assertThat(large.port()).isEqualTo(9002);
        assertThat(large.models()).containsExactly("meta-llama/Llama-3.1-70B-Instruct");
        assertThat(large.ttft()).isGreaterThan(small.ttft());
        assertThat(large.timePerOutputToken()).isGreaterThan(small.timePerOutputToken());
        assertThat(specs).allSatisfy(spec -> assertThat(spec.host()).isEqualTo("127.0.0.1"));
        assertThat(small.contextWindow()).isEqualTo(131_072);
        assertThat(small.engine()).isEqualTo(EngineSpec.h100Llama8b());
        assertThat(large.contextWindow()).isEqualTo(16_384);
        assertThat(large.engine()).isEqualTo(EngineSpec.h100Llama70b());
    }

    @Test
    void leavesUnsetValuesToTheEndpointSpecDefaults() {
        context.withPropertyValues("signalbox.simulator.endpoints[0].name=plain",
                        "signalbox.simulator.endpoints[0].models[0]=m")
                .run(started -> {
                    assertThat(started).hasNotFailed();
                    EndpointSpec spec = started.getBean(SimulatorProperties.class).specs().getFirst();
                    assertThat(spec).isEqualTo(EndpointSpec.builder("plain", "m").build());
                });
    }

    @Test
    void bindsTheEmbeddingDimensions() {
        context.withPropertyValues("signalbox.simulator.endpoints[0].name=embedder",
                        "signalbox.simulator.endpoints[0].models[0]=bge-large",
                        "signalbox.simulator.endpoints[0].embedding-dimensions=1024")
                .run(started -> {
                    assertThat(started).hasNotFailed();
                    assertThat(started.getBean(SimulatorProperties.class).specs().getFirst().embeddingDimensions())
                            .isEqualTo(1024);
                });
    }

    @Test
    void bindsAnEnginePresetWithOverridesAndLoraAdapters() {
        context.withPropertyValues("signalbox.simulator.endpoints[0].name=tuned",
                        "signalbox.simulator.endpoints[0].models[0]=base",
                        "signalbox.simulator.endpoints[0].lora-adapters[0]=base-sql",
                        "signalbox.simulator.endpoints[0].engine.preset=h100-llama-8b",
                        "signalbox.simulator.endpoints[0].engine.max-running-sequences=4",
                        "signalbox.simulator.endpoints[0].engine.decode-slowdown-per-sequence=1ms")
                .run(started -> {
                    assertThat(started).hasNotFailed();
                    EndpointSpec spec = started.getBean(SimulatorProperties.class).specs().getFirst();
                    assertThat(spec.engine()).isEqualTo(EngineSpec.h100Llama8b().withMaxRunningSequences(4)
                            .withDecodeSlowdownPerSequence(Duration.ofMillis(1)));
                    assertThat(spec.adapterOf("base-sql")).isEqualTo("base-sql");
                    assertThat(spec.adapterOf("base")).isNull();
                });
    }

    @Test
    void bindsFaultsFromConfiguration() {
        context.withPropertyValues("signalbox.simulator.endpoints[0].name=flaky",
                        "signalbox.simulator.endpoints[0].models[0]=m",
                        "signalbox.simulator.endpoints[0].faults.error-rate=0.25",
                        "signalbox.simulator.endpoints[0].faults.error-status=502",
                        "signalbox.simulator.endpoints[0].faults.outages[0].start=10s",
                        "signalbox.simulator.endpoints[0].faults.outages[0].duration=5s",
                        "signalbox.simulator.endpoints[0].faults.seed=9")
                .run(started -> {
                    assertThat(started).hasNotFailed();
                    EndpointSpec spec = started.getBean(SimulatorProperties.class).specs().getFirst();
                    assertThat(spec.faults()).isEqualTo(FaultSpec.none().withErrors(0.25, 502).withSeed(9)
                            .withOutages(List.of(new FaultSpec.Window(Duration.ofSeconds(10),
                                    Duration.ofSeconds(5)))));
                });
    }

    @Test
    void refusesToStartWithoutEndpoints() {
        context.run(started -> assertThat(started).hasFailed().getFailure()
                .hasStackTraceContaining("signalbox.simulator.endpoints")
                .hasStackTraceContaining("must not be empty"));
    }

    @Test
    void refusesToStartAnEndpointWithoutModels() {
        context.withPropertyValues("signalbox.simulator.endpoints[0].name=empty",
                        "signalbox.simulator.endpoints[0].port=0")
                .run(started -> assertThat(started).hasFailed().getFailure()
                        .hasStackTraceContaining("endpoints[0].models"));
    }

    @Test
    void refusesToStartAnEndpointWithAnImpossibleTokenRange() {
        context.withPropertyValues("signalbox.simulator.endpoints[0].name=odd",
                        "signalbox.simulator.endpoints[0].models[0]=m",
                        "signalbox.simulator.endpoints[0].min-output-tokens=50",
                        "signalbox.simulator.endpoints[0].max-output-tokens=10")
                .run(started -> assertThat(started).hasFailed().getFailure()
                        .hasStackTraceContaining("output token range must satisfy 1 <= min <= max, was 50..10"));
    }
}
