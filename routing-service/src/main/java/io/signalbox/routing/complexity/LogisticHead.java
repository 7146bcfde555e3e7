package io.signalbox.routing.complexity;

import io.signalbox.routing.embedding.Vectors;

/**
 * Logistic regression on the embedding: score = sigmoid(weights . embedding + bias). 384 numbers
 * for MiniLM, a few kilobytes of JSON, one dot product per request.
 */
public record LogisticHead(float[] weights, double bias) implements ComplexityHead {

    public static final String TYPE = "logistic";

    public LogisticHead {
        if (weights.length == 0) {
            throw new IllegalArgumentException("A logistic head needs at least one weight");
        }
        weights = weights.clone();
    }

    @Override
    public int dimension() {
        return weights.length;
    }

    @Override
    public double score(float[] embedding) {
        return 1.0 / (1.0 + Math.exp(-(Vectors.dot(weights, embedding) + bias)));
    }

    @Override
    public float[] weights() {
        return weights.clone();
    }
}
