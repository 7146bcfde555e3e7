package io.signalbox.routing.complexity;

import java.util.Arrays;
import java.util.List;


/**
 * k nearest neighbours: the score is the similarity-weighted mean label of the {@code k} training
 * prompts most similar (cosine) to the new one. No training step, but the head carries every
 * exemplar (about 3 KB of JSON each for MiniLM), so keep the exemplar set to a few thousand when it
 * is stored in a route.
 *
 * @param k how many neighbours vote
 * @param exemplars unit-length training embeddings
 * @param labels each exemplar's label in [0, 1] (1 = needed the strong model)
 */
public record KnnHead(int k, List<float[]> exemplars, double[] labels) implements ComplexityHead {

    public static final String TYPE = "knn";

    public KnnHead {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, was " + k);
        }
        if (exemplars.isEmpty() || exemplars.size() != labels.length) {
            throw new IllegalArgumentException("A kNN head needs one label per exemplar and at least one exemplar");
        }
        // one contiguous copy: the scan below reads every exemplar on every decision
        exemplars = FlatVectors.of(exemplars);
        labels = labels.clone();
    }

    @Override
    public int dimension() {
        return ((FlatVectors) exemplars).dimension();
    }

    @Override
    public double score(float[] embedding) {
        return score(embedding, -1);
    }

    /** The score of exemplar {@code index} as if it were not among the exemplars: what an unseen prompt gets. */
    double leaveOneOutScore(int index) {
        return score(((FlatVectors) exemplars).get(index), index);
    }

    private double score(float[] embedding, int excluded) {
        int n = Math.min(k, exemplars.size() - (excluded >= 0 ? 1 : 0));
        if (n < 1) {
            return 0.5; // nothing to vote: no opinion
        }
        double[] topSimilarity = new double[n];
        int[] topIndex = new int[n];
        Arrays.fill(topSimilarity, Double.NEGATIVE_INFINITY);
        FlatVectors vectors = (FlatVectors) exemplars;
        if (embedding.length != vectors.dimension()) {
            throw new IllegalArgumentException("Vectors differ in length: " + embedding.length + " vs "
                    + vectors.dimension());
        }
        for (int i = 0; i < vectors.size(); i++) {
            if (i == excluded) {
                continue;
            }
            double similarity = vectors.dot(i, embedding);
            if (similarity > topSimilarity[n - 1]) {
                int slot = n - 1;
                while (slot > 0 && topSimilarity[slot - 1] < similarity) {
                    topSimilarity[slot] = topSimilarity[slot - 1];
                    topIndex[slot] = topIndex[slot - 1];
                    slot--;
                }
                topSimilarity[slot] = similarity;
                topIndex[slot] = i;
            }
        }
        double weighted = 0;
        double totalWeight = 0;
        for (int slot = 0; slot < n; slot++) {
            double weight = Math.max(1e-6, 1.0 + topSimilarity[slot]);
            weighted += weight * labels[topIndex[slot]];
            totalWeight += weight;
        }
        return weighted / totalWeight;
    }

    @Override
    public double[] labels() {
        return labels.clone();
    }
}
