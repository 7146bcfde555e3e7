package io.signalbox.routing.complexity;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class ThresholdCalibrationTests {

    @ParameterizedTest(name = "share {0}")
    @ValueSource(doubles = {0.1, 0.25, 0.5, 0.8, 0.95})
    void sendsTheTargetShareOfASampleToTheStrongModel(double share) {
        SplittableRandom random = new SplittableRandom(7);
        double[] scores = random.doubles(10_000).toArray();

        double threshold = ThresholdCalibration.thresholdForStrongShare(scores, share);

        assertThat(ThresholdCalibration.strongShare(scores, threshold)).isCloseTo(share, within(0.001));
    }

    @Test
    void sendsNothingToTheStrongModelAtShareZero() {
        double[] scores = {0.2, 0.9, 1.0};

        double threshold = ThresholdCalibration.thresholdForStrongShare(scores, 0);

        assertThat(ThresholdCalibration.strongShare(scores, threshold)).isZero();
    }

    @Test
    void sendsEverythingToTheStrongModelAtShareOne() {
        double[] scores = {0.2, 0.9, 0.0};

        assertThat(ThresholdCalibration.thresholdForStrongShare(scores, 1)).isZero();
    }

    @Test
    void keepsTiedScoresTogether() {
        double[] scores = {0.5, 0.5, 0.5, 0.5, 0.1};

        double threshold = ThresholdCalibration.thresholdForStrongShare(scores, 0.4);

        assertThat(ThresholdCalibration.strongShare(scores, threshold)).isEqualTo(0.8);
    }

    @Test
    void rejectsEmptySamplesAndSharesOutsideTheUnitInterval() {
        assertThatIllegalArgumentException().isThrownBy(() -> ThresholdCalibration.thresholdForStrongShare(new double[0], 0.5));
        assertThatIllegalArgumentException().isThrownBy(() -> ThresholdCalibration.thresholdForStrongShare(new double[] {1}, 1.5))
                .withMessageContaining("1.5");
        assertThatIllegalArgumentException().isThrownBy(() -> ThresholdCalibration.thresholdForStrongShare(new double[] {1}, Double.NaN));
    }
}
