package io.signalbox.routing.complexity;

import java.util.List;

import io.signalbox.routing.embedding.Vectors;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class FlatVectorsTests {

    @Test
    void holdsACopyAndComputesTheSameDotProductsAsSeparateVectors() {
        float[] first = {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f, 0.8f, 0.9f};
        float[] second = {-1, 0, 1, 0, -1, 0, 1, 0, 2};
        float[] query = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        FlatVectors flat = FlatVectors.of(List.of(first, second));
        first[0] = 99;

        assertThat(flat).hasSize(2);
        assertThat(flat.dimension()).isEqualTo(9);
        assertThat(flat.get(0)[0]).as("a copy, not the caller's array").isEqualTo(0.1f);
        assertThat(flat.dot(1, query)).isCloseTo(Vectors.dot(second, query), within(1e-6));
        assertThat(flat.dot(0, query)).isCloseTo(Vectors.dot(flat.get(0), query), within(1e-6));
    }

    @Test
    void refusesVectorsOfDifferentLengths() {
        assertThatIllegalArgumentException().isThrownBy(() -> FlatVectors.of(List.of(new float[3], new float[4])))
                .withMessageContaining("3 components");
    }
}
