package io.signalbox.routing.embedding;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns text into a fixed-length vector whose cosine similarity tracks similarity of meaning.
 * Implementations must be thread-safe; vectors are L2-normalised, so a dot product is the cosine.
 */
public interface SentenceEmbedder {

    /** The length of every vector this embedder returns. */
    int dimension();

    /** Embeds one text; the result has {@link #dimension()} components and unit length (or is all zero for empty text). */
    float[] embed(String text);

    /** Embeds many texts in order; implementations may batch or parallelise. */
    default List<float[]> embedAll(List<String> texts) {
        List<float[]> vectors = new ArrayList<>(texts.size());
        for (String text : texts) {
            vectors.add(embed(text));
        }
        return vectors;
    }
}
