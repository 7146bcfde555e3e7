package io.signalbox.routing.embedding;

/**
 * The few vector operations routing needs. Scores and embeddings are ranking signals, not money,
 * so float and double are the right types here.
 */
public final class Vectors {

    private Vectors() {
    }

    /** The dot product; equal to the cosine similarity for unit vectors. */
    public static double dot(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("Vectors differ in length: " + a.length + " vs " + b.length);
        }
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    /** A unit-length copy of the vector; the zero vector stays zero. */
    public static float[] normalized(float[] vector) {
        double norm = Math.sqrt(dot(vector, vector));
        float[] copy = vector.clone();
        if (norm == 0) {
            return copy;
        }
        for (int i = 0; i < copy.length; i++) {
            copy[i] = (float) (copy[i] / norm);
        }
        return copy;
    }
}
