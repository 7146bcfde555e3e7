package io.signalbox.routing.complexity;

import java.util.Arrays;

/**
 * Three scorers that each see something the others miss, averaged by rank: the logistic head (a direction in the
 * embedding space), the kNN head (the labels of the most similar training prompts) and the feature scorer
 * (length, code, math and reasoning markers of the text). Each score is turned into its percentile among that
 * scorer's scores on the training prompts, and the score is the mean percentile, so no scorer's scale dominates.
 * Costs what the kNN head costs.
 *
 * @param logistic the logistic head
 * @param knn the kNN head
 * @param logisticQuantiles the logistic head's scores on the training prompts, sorted (at most ~1,000 quantiles)
 * @param knnQuantiles the kNN head's leave-one-out scores on the training prompts, sorted
 * @param featureQuantiles the feature scorer's scores on the training prompts, sorted
 */
public record EnsembleHead(LogisticHead logistic, KnnHead knn, double[] logisticQuantiles, double[] knnQuantiles,
        double[] featureQuantiles) implements ComplexityHead {

    public static final String TYPE = "ensemble";

    private static final FeatureComplexityScorer FEATURES = new FeatureComplexityScorer();

    public EnsembleHead {
        if (logistic.dimension() != knn.dimension()) {
            throw new IllegalArgumentException("The logistic and kNN heads expect embeddings of different lengths: "
                    + logistic.dimension() + " vs " + knn.dimension());
        }
        logisticQuantiles = sortedCopy(logisticQuantiles, "logisticQuantiles");
        knnQuantiles = sortedCopy(knnQuantiles, "knnQuantiles");
        featureQuantiles = sortedCopy(featureQuantiles, "featureQuantiles");
    }

    @Override
    public int dimension() {
        return logistic.dimension();
    }

    /** Without the text, the mean percentile of the two embedding heads. */
    @Override
    public double score(float[] embedding) {
        return (percentile(logisticQuantiles, logistic.score(embedding))
                + percentile(knnQuantiles, knn.score(embedding))) / 2;
    }

    @Override
    public double score(float[] embedding, Prompt prompt) {
        return (percentile(logisticQuantiles, logistic.score(embedding))
                + percentile(knnQuantiles, knn.score(embedding))
                + percentile(featureQuantiles, FEATURES.score(prompt))) / 3;
    }

    /** The share of {@code sorted} below {@code value}, ties counted half: 0..1, interpolated between quantiles. */
    static double percentile(double[] sorted, double value) {
        int below = lowerBound(sorted, value);
        int notAbove = upperBound(sorted, value);
        return (below + notAbove) / 2.0 / sorted.length;
    }

    private static int lowerBound(double[] sorted, double value) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted[mid] < value) {
                low = mid + 1;
            }
            else {
                high = mid;
            }
        }
        return low;
    }

    private static int upperBound(double[] sorted, double value) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted[mid] <= value) {
                low = mid + 1;
            }
            else {
                high = mid;
            }
        }
        return low;
    }

    private static double[] sortedCopy(double[] values, String name) {
        if (values.length == 0) {
            throw new IllegalArgumentException(name + " must hold at least one score");
        }
        double[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }

    @Override
    public double[] logisticQuantiles() {
        return logisticQuantiles.clone();
    }

    @Override
    public double[] knnQuantiles() {
        return knnQuantiles.clone();
    }

    @Override
    public double[] featureQuantiles() {
        return featureQuantiles.clone();
    }
}
