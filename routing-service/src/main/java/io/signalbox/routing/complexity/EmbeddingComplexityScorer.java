package io.signalbox.routing.complexity;

import io.signalbox.routing.embedding.SentenceEmbedder;

/**
 * The learned scorer: embeds the last user message and lets a trained {@link ComplexityHead} rate
 * it. Costs one embedding (a few milliseconds for MiniLM on a CPU core) plus the head.
 */
public final class EmbeddingComplexityScorer implements ComplexityScorer {

    public static final String TYPE = "embedding";

    private final SentenceEmbedder embedder;

    private final ComplexityHead head;

    public EmbeddingComplexityScorer(SentenceEmbedder embedder, ComplexityHead head) {
        if (embedder.dimension() != head.dimension()) {
            throw new IllegalArgumentException("The head expects " + head.dimension()
                    + "-dimensional embeddings but the embedder makes " + embedder.dimension());
        }
        this.embedder = embedder;
        this.head = head;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public double score(Prompt prompt) {
        return head.score(embedder.embed(prompt.lastUserText()), prompt);
    }
}
