package io.signalbox.routing.complexity;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * Equal-length vectors stored back to back in one array: a kNN head scans thousands of them per decision, and one
 * contiguous block streams through the cache far better than thousands of separate arrays. Immutable; as a list
 * it hands out copies.
 */
final class FlatVectors extends AbstractList<float[]> implements RandomAccess {

    private final float[] data;

    private final int dimension;

    private final int size;

    private FlatVectors(float[] data, int dimension, int size) {
        this.data = data;
        this.dimension = dimension;
        this.size = size;
    }

    /** A copy of the vectors; every one must have the first one's length. */
    static FlatVectors of(List<float[]> vectors) {
        if (vectors instanceof FlatVectors flat) {
            return flat;
        }
        int dimension = vectors.getFirst().length;
        float[] data = new float[vectors.size() * dimension];
        for (int i = 0; i < vectors.size(); i++) {
            float[] vector = vectors.get(i);
            if (vector.length != dimension) {
                throw new IllegalArgumentException("Every exemplar must have " + dimension + " components");
            }
            System.arraycopy(vector, 0, data, i * dimension, dimension);
        }
        return new FlatVectors(data, dimension, vectors.size());
    }

    int dimension() {
        return dimension;
    }

    /** The dot product of vector {@code index} with {@code query} (of the same length). */
    double dot(int index, float[] query) {
        int offset = index * dimension;
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        float s4 = 0;
        float s5 = 0;
        float s6 = 0;
        float s7 = 0;
        int i = 0;
        for (; i + 7 < dimension; i += 8) {
            int at = offset + i;
            s0 += data[at] * query[i];
            s1 += data[at + 1] * query[i + 1];
            s2 += data[at + 2] * query[i + 2];
            s3 += data[at + 3] * query[i + 3];
            s4 += data[at + 4] * query[i + 4];
            s5 += data[at + 5] * query[i + 5];
            s6 += data[at + 6] * query[i + 6];
            s7 += data[at + 7] * query[i + 7];
        }
        double sum = ((double) s0 + s1) + ((double) s2 + s3) + ((double) s4 + s5) + ((double) s6 + s7);
        for (; i < dimension; i++) {
            sum += data[offset + i] * query[i];
        }
        return sum;
    }

    @Override
    public float[] get(int index) {
        int offset = index * dimension;
        return Arrays.copyOfRange(data, offset, offset + dimension);
    }

    @Override
    public int size() {
        return size;
    }
}
