package io.signalbox.routing.embedding;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class VectorsTests {

    @Test
    void dotProductAgreesWithASimpleSumForEveryLengthIncludingTheUnrolledRemainder() {
        SplittableRandom random = new SplittableRandom(7);
        for (int length : new int[] {0, 1, 7, 8, 9, 383, 384, 385}) {
            float[] a = new float[length];
            float[] b = new float[length];
            double expected = 0;
            for (int i = 0; i < length; i++) {
                a[i] = (float) random.nextDouble(-1, 1);
                b[i] = (float) random.nextDouble(-1, 1);
                expected += (double) a[i] * b[i];
            }
            assertThat(Vectors.dot(a, b)).as("length %d", length).isCloseTo(expected, within(1e-5));
        }
    }

    @Test
    void refusesVectorsOfDifferentLengths() {
        assertThatIllegalArgumentException().isThrownBy(() -> Vectors.dot(new float[3], new float[4]));
    }

    @Test
    void normalisesToUnitLengthAndLeavesTheZeroVectorAlone() {
        float[] unit = Vectors.normalized(new float[] {3, 4});

        assertThat(unit).containsExactly(0.6f, 0.8f);
        assertThat(Vectors.normalized(new float[3])).containsOnly(0f);
    }
}
