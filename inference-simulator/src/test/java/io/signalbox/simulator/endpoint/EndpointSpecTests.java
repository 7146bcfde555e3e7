package io.signalbox.simulator.endpoint;

import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EndpointSpecTests {

    @Test
    void appliesTheDocumentedDefaults() {
        EndpointSpec spec = EndpointSpec.of("small", "llama-8b");

        assertThat(spec.host()).isEqualTo("127.0.0.1");
        assertThat(spec.port()).isZero();
        assertThat(spec.models()).containsExactly("llama-8b");
        assertThat(spec.ttft()).isEqualTo(Duration.ofMillis(25));
        assertThat(spec.timePerOutputToken()).isEqualTo(Duration.ofMillis(5));
        assertThat(spec.minOutputTokens()).isEqualTo(16);
        assertThat(spec.maxOutputTokens()).isEqualTo(64);
        assertThat(spec.contextWindow()).isEqualTo(8192);
        assertThat(spec.seed()).isZero();
        assertThat(spec.requestLogSize()).isEqualTo(200);
    }

    @Test
    void servesExactlyTheListedModels() {
        EndpointSpec spec = EndpointSpec.of("pool", "llama-8b", "llama-8b-lora");

        assertThat(spec.serves("llama-8b-lora")).isTrue();
        assertThat(spec.serves("llama-70b")).isFalse();
        assertThat(spec.serves("LLAMA-8B")).isFalse();
    }

    static Stream<Arguments> invalidSpecs() {
        return Stream.of(
                Arguments.of("blank name", (UnaryOperator<EndpointSpec.Builder>) b -> EndpointSpec.builder(" ", "m"),
                        "name must not be blank"),
                Arguments.of("no models", (UnaryOperator<EndpointSpec.Builder>) b -> b.models(List.of()),
                        "at least one model"),
                Arguments.of("model twice", (UnaryOperator<EndpointSpec.Builder>) b -> b.models(List.of("m", "m")),
                        "lists a model twice"),
                Arguments.of("port too high", (UnaryOperator<EndpointSpec.Builder>) b -> b.port(70_000),
                        "port must be 0..65535"),
                Arguments.of("negative ttft", (UnaryOperator<EndpointSpec.Builder>) b -> b.ttft(Duration.ofMillis(-1)),
                        "ttft must not be negative"),
                Arguments.of("min above max", (UnaryOperator<EndpointSpec.Builder>) b -> b.outputTokens(10, 5),
                        "1 <= min <= max"),
                Arguments.of("zero min", (UnaryOperator<EndpointSpec.Builder>) b -> b.outputTokens(0, 5),
                        "1 <= min <= max"),
                Arguments.of("zero context", (UnaryOperator<EndpointSpec.Builder>) b -> b.contextWindow(0),
                        "context window must be positive"),
                Arguments.of("negative log", (UnaryOperator<EndpointSpec.Builder>) b -> b.requestLogSize(-1),
                        "request log size must not be negative"),
                Arguments.of("zero embedding dimensions",
                        (UnaryOperator<EndpointSpec.Builder>) b -> b.embeddingDimensions(0),
                        "embedding dimensions must be positive"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSpecs")
    void rejectsASpecThatCannotServe(String what, UnaryOperator<EndpointSpec.Builder> change, String message) {
        assertThatIllegalArgumentException().isThrownBy(() -> change.apply(EndpointSpec.builder("e", "m")).build())
                .withMessageContaining(message);
    }
}
