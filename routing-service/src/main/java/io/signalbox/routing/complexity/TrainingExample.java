package io.signalbox.routing.complexity;

import java.util.Map;

/**
 * One line of a training set: a prompt and each model's quality on it (1 = right, 0 = wrong, or any
 * grade in between).
 */
public record TrainingExample(String prompt, Map<String, Double> scores) {

    public TrainingExample {
        scores = Map.copyOf(scores);
    }

    /**
     * The label a head learns: 1 when only the strong model did well, 0 when only the weak one did,
     * 0.5 when they did equally well (or badly), so that the score ranks prompts by how much the strong
     * model gains on them: (q_strong - q_weak + 1) / 2.
     *
     * @throws IllegalArgumentException if either model has no score on this prompt
     */
    public double label(String strongModel, String weakModel) {
        return (quality(strongModel) - quality(weakModel) + 1.0) / 2.0;
    }

    private double quality(String model) {
        Double quality = scores.get(model);
        if (quality == null) {
            throw new IllegalArgumentException("No score for model '" + model + "' (has " + scores.keySet() + ")");
        }
        if (!(quality >= 0 && quality <= 1)) {
            throw new IllegalArgumentException("Score of '" + model + "' must be in [0, 1], was " + quality);
        }
        return quality;
    }
}
