package io.signalbox.routing.embedding;

import java.util.Locale;

/**
 * A deterministic stand-in for a sentence model in unit tests: each lowercase word adds one to a
 * hashed component, and the vector is normalised. Texts that share words are similar, which is all
 * the logic under test needs, and it costs nothing to load.
 */
public final class BagOfWordsEmbedder implements SentenceEmbedder {

    private final int dimension;

    public BagOfWordsEmbedder(int dimension) {
        this.dimension = dimension;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public float[] embed(String text) {
        float[] vector = new float[dimension];
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty()) {
                vector[Math.floorMod(word.hashCode(), dimension)] += 1;
            }
        }
        return Vectors.normalized(vector);
    }
}
