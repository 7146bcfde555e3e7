package io.signalbox.routing.complexity;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Fits heads to labelled embeddings. Deterministic (no random initialisation or shuffling), so the
 * same data gives the same head, which keeps evaluations reproducible.
 */
public final class HeadTrainer {

    /**
     * Options of the logistic fit: full-batch Adam on the cross-entropy with soft labels plus an L2
     * penalty. The defaults suit ~1,000-20,000 unit-length 384-dimensional embeddings.
     */
    public record LogisticOptions(int epochs, double learningRate, double l2) {

        public static final LogisticOptions DEFAULTS = new LogisticOptions(300, 0.05, 1e-3);
    }

    private HeadTrainer() {
    }

    /** A logistic head fitted to {@code labels} (each in [0, 1]) of the unit-length {@code embeddings}. */
    public static LogisticHead logistic(List<float[]> embeddings, double[] labels, LogisticOptions options) {
        int n = requireSameSize(embeddings, labels);
        int d = embeddings.getFirst().length;
        double[] w = new double[d];
        double b = logit(mean(labels));
        double[] mW = new double[d];
        double[] vW = new double[d];
        double mB = 0;
        double vB = 0;
        double beta1 = 0.9;
        double beta2 = 0.999;
        double[] gradient = new double[d];
        for (int epoch = 1; epoch <= options.epochs(); epoch++) {
            Arrays.fill(gradient, 0);
            double gradientB = 0;
            for (int i = 0; i < n; i++) {
                float[] x = embeddings.get(i);
                double z = b;
                for (int j = 0; j < d; j++) {
                    z += w[j] * x[j];
                }
                double error = sigmoid(z) - labels[i];
                for (int j = 0; j < d; j++) {
                    gradient[j] += error * x[j];
                }
                gradientB += error;
            }
            double correction1 = 1 - Math.pow(beta1, epoch);
            double correction2 = 1 - Math.pow(beta2, epoch);
            for (int j = 0; j < d; j++) {
                double g = gradient[j] / n + options.l2() * w[j];
                mW[j] = beta1 * mW[j] + (1 - beta1) * g;
                vW[j] = beta2 * vW[j] + (1 - beta2) * g * g;
                w[j] -= options.learningRate() * (mW[j] / correction1) / (Math.sqrt(vW[j] / correction2) + 1e-8);
            }
            double g = gradientB / n;
            mB = beta1 * mB + (1 - beta1) * g;
            vB = beta2 * vB + (1 - beta2) * g * g;
            b -= options.learningRate() * (mB / correction1) / (Math.sqrt(vB / correction2) + 1e-8);
        }
        float[] weights = new float[d];
        for (int j = 0; j < d; j++) {
            weights[j] = (float) w[j];
        }
        return new LogisticHead(weights, b);
    }

    /** A kNN head over the labelled embeddings. */
    public static KnnHead knn(List<float[]> embeddings, double[] labels, int k) {
        requireSameSize(embeddings, labels);
        return new KnnHead(k, embeddings, labels);
    }

    /** How many training prompts an ensemble's quantiles are taken over, evenly spread; bounds training time. */
    static final int ENSEMBLE_QUANTILE_SAMPLE = 2_000;

    /**
     * An ensemble of a logistic head, a kNN head and the feature scorer ({@link EnsembleHead}), each calibrated
     * by its scores on (up to {@value #ENSEMBLE_QUANTILE_SAMPLE} of) the training prompts; the kNN head's are
     * leave-one-out, so they look like its scores on prompts it has not seen.
     */
    public static EnsembleHead ensemble(List<float[]> embeddings, List<String> prompts, double[] labels, int k) {
        int n = requireSameSize(embeddings, labels);
        if (prompts.size() != n) {
            throw new IllegalArgumentException("Training needs one prompt per embedding, got " + prompts.size()
                    + " prompts and " + n + " embeddings");
        }
        LogisticHead logistic = logistic(embeddings, labels, LogisticOptions.DEFAULTS);
        KnnHead knn = knn(embeddings, labels, k);
        FeatureComplexityScorer features = new FeatureComplexityScorer();
        int samples = Math.min(n, ENSEMBLE_QUANTILE_SAMPLE);
        int[] sample = IntStream.range(0, samples).map(i -> (int) ((long) i * n / samples)).toArray();
        double[] logisticScores = Arrays.stream(sample).parallel().mapToDouble(i -> logistic.score(embeddings.get(i)))
                .toArray();
        double[] knnScores = Arrays.stream(sample).parallel().mapToDouble(knn::leaveOneOutScore).toArray();
        double[] featureScores = Arrays.stream(sample).parallel()
                .mapToDouble(i -> features.score(Prompt.ofUserText(prompts.get(i)))).toArray();
        return new EnsembleHead(logistic, knn, logisticScores, knnScores, featureScores);
    }

    private static int requireSameSize(List<float[]> embeddings, double[] labels) {
        if (embeddings.isEmpty() || embeddings.size() != labels.length) {
            throw new IllegalArgumentException("Training needs one label per embedding and at least one example, got "
                    + embeddings.size() + " embeddings and " + labels.length + " labels");
        }
        return labels.length;
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum / values.length;
    }

    private static double logit(double p) {
        double clipped = Math.min(1 - 1e-6, Math.max(1e-6, p));
        return Math.log(clipped / (1 - clipped));
    }

    private static double sigmoid(double z) {
        return 1.0 / (1.0 + Math.exp(-z));
    }
}
