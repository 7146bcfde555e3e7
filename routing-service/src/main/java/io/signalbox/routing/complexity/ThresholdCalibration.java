package io.signalbox.routing.complexity;

import java.util.Arrays;

/**
 * Turns a target share of strong-model calls into a score threshold, as RouteLLM calibrates its
 * routers: score a representative sample of prompts, then pick the threshold that sends the wanted
 * share to the strong model (score at or above the threshold = strong). The threshold moves with the
 * scorer, so calibrate again after retraining a head.
 */
public final class ThresholdCalibration {

    private ThresholdCalibration() {
    }

    /**
     * The threshold at which {@code strongShare} of {@code sampleScores} reach the strong model.
     * With ties at the cut the share can come out slightly higher; 0 sends nothing to the strong model
     * (the threshold is just above the highest score), 1 sends everything.
     *
     * @param sampleScores scores of a sample of real prompts; not empty
     * @param strongShare the wanted share in [0, 1]
     */
    public static double thresholdForStrongShare(double[] sampleScores, double strongShare) {
        if (sampleScores.length == 0) {
            throw new IllegalArgumentException("Calibration needs at least one sample score");
        }
        if (!(strongShare >= 0 && strongShare <= 1)) {
            throw new IllegalArgumentException("The strong-call share must be in [0, 1], was " + strongShare);
        }
        double[] sorted = sampleScores.clone();
        Arrays.sort(sorted);
        int strongCalls = (int) Math.round(sorted.length * strongShare);
        if (strongCalls == 0) {
            return Math.nextUp(sorted[sorted.length - 1]);
        }
        return sorted[sorted.length - strongCalls];
    }

    /** The share of scores at or above the threshold: the strong-call share the threshold gives. */
    public static double strongShare(double[] scores, double threshold) {
        if (scores.length == 0) {
            return 0;
        }
        int strong = 0;
        for (double score : scores) {
            if (score >= threshold) {
                strong++;
            }
        }
        return (double) strong / scores.length;
    }
}
