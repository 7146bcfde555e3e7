package io.signalbox.routing.complexity;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A small trained model on top of a sentence embedding that predicts how much a prompt needs the
 * strong model. Heads are plain data (records of numbers) so that they serialise to JSON and can live
 * in a route's configuration; see {@link HeadFile} for the stored form.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = LogisticHead.class, name = LogisticHead.TYPE),
    @JsonSubTypes.Type(value = KnnHead.class, name = KnnHead.TYPE),
    @JsonSubTypes.Type(value = EnsembleHead.class, name = EnsembleHead.TYPE)})
public sealed interface ComplexityHead permits LogisticHead, KnnHead, EnsembleHead {

    /** The embedding length the head was trained on. */
    int dimension();

    /** The score in [0, 1] for a unit-length embedding of {@link #dimension()} components. */
    double score(float[] embedding);

    /** The score for the embedding of {@code prompt}'s text; heads that also read the text override this. */
    default double score(float[] embedding, Prompt prompt) {
        return score(embedding);
    }
}
