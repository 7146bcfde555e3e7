package io.signalbox.routing.complexity;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TrainingExampleTests {

    @ParameterizedTest(name = "strong {0}, weak {1} -> {2}")
    @CsvSource({
        "1, 0, 1.0",
        "0, 1, 0.0",
        "1, 1, 0.5",
        "0, 0, 0.5",
        "0.9, 0.4, 0.75"})
    void labelsByHowMuchTheStrongModelGains(double strong, double weak, double label) {
        TrainingExample example = new TrainingExample("p", Map.of("big", strong, "small", weak, "other", 0.3));

        assertThat(example.label("big", "small")).isEqualTo(label);
    }

    @Test
    void namesTheMissingModel() {
        TrainingExample example = new TrainingExample("p", Map.of("big", 1.0));

        assertThatIllegalArgumentException().isThrownBy(() -> example.label("big", "small"))
                .withMessageContaining("'small'");
    }

    @Test
    void rejectsQualitiesOutsideTheUnitInterval() {
        TrainingExample example = new TrainingExample("p", Map.of("big", 7.0, "small", 0.0));

        assertThatIllegalArgumentException().isThrownBy(() -> example.label("big", "small"))
                .withMessageContaining("[0, 1]");
    }
}
