package io.signalbox.simulator.generation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EmbedderTests {

    private final Embedder embedder = new Embedder(1);

    @Test
    void embedsATextAsTheSameUnitVectorEveryTime() {
        float[] vector = embedder.embed("model", "a routing gateway", 384);

        assertThat(vector).hasSize(384);
        assertThat(norm(vector)).isCloseTo(1.0, within(1e-5));
        assertThat(new Embedder(1).embed("model", "a routing gateway", 384)).containsExactly(vector);
    }

    @Test
    void embedsOtherTextsModelsAndSeedsNearlyOrthogonally() {
        float[] vector = embedder.embed("model", "a routing gateway", 384);

        assertThat(Math.abs(dot(vector, embedder.embed("model", "a routing gateway.", 384)))).isLessThan(0.3);
        assertThat(Math.abs(dot(vector, embedder.embed("other", "a routing gateway", 384)))).isLessThan(0.3);
        assertThat(Math.abs(dot(vector, new Embedder(2).embed("model", "a routing gateway", 384)))).isLessThan(0.3);
    }

    private static double dot(float[] left, float[] right) {
        double sum = 0;
        for (int index = 0; index < left.length; index++) {
            sum += (double) left[index] * right[index];
        }
        return sum;
    }

    private static double norm(float[] vector) {
        return Math.sqrt(dot(vector, vector));
    }
}
