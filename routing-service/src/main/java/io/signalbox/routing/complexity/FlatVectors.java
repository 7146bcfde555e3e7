package io.signalbox.routing.complexity;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

import io.signalbox.routing.embedding.Vectors;

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
        return Vectors.dot(data, index * dimension, query);
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
