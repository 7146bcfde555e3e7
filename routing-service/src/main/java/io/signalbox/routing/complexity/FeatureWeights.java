package io.signalbox.routing.complexity;

/**
 * The weights of {@link FeatureComplexityScorer}: score = sigmoid(bias + sum of weight x feature).
 * The defaults were set by hand so that a one-line chit-chat scores near 0.1, a long multi-part
 * coding or proof task near 0.9, and an ordinary question near 0.3; they are a starting point a
 * route can override, not a trained model (use the learned scorer for that).
 */
public record FeatureWeights(double bias, double length, double code, double math, double reasoning,
        double constraints, double nonEnglish, double depth, double simpleTask) {

    /** The hand-set defaults described above. */
    public static final FeatureWeights DEFAULTS = new FeatureWeights(-2.6, 2.2, 1.6, 1.6, 1.8, 1.2, 0.5, 0.6, -1.6);

    double linear(ComplexityFeatures f) {
        return bias + length * f.length() + code * f.code() + math * f.math() + reasoning * f.reasoning()
                + constraints * f.constraints() + nonEnglish * f.nonEnglish() + depth * f.depth()
                + simpleTask * f.simpleTask();
    }
}
