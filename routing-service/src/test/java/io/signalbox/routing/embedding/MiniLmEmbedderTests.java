package io.signalbox.routing.embedding;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MiniLmEmbedderTests {

    private final SentenceEmbedder embedder = MiniLmEmbedder.shared();

    @Test
    void placesParaphrasesCloserThanUnrelatedText() {
        float[] refund = embedder.embed("How do I get my money back for this order?");
        float[] refundParaphrase = embedder.embed("I would like a refund for my purchase");
        float[] weather = embedder.embed("Will it rain in Lisbon tomorrow afternoon?");

        assertThat(Vectors.dot(refund, refundParaphrase)).isGreaterThan(Vectors.dot(refund, weather) + 0.2);
    }

    @Test
    void returnsUnitVectorsOfTheModelDimension() {
        float[] vector = embedder.embed("Explain the CAP theorem.");

        assertThat(vector).hasSize(MiniLmEmbedder.DIMENSION);
        assertThat(Vectors.dot(vector, vector)).isCloseTo(1.0, within(1e-4));
    }

    @Test
    void embedsBatchesLikeSingleTexts() {
        List<float[]> batch = embedder.embedAll(List.of("first text", "", "second text"));

        assertThat(batch).hasSize(3);
        assertThat(Vectors.dot(batch.get(0), embedder.embed("first text"))).isCloseTo(1.0, within(1e-4));
        assertThat(batch.get(1)).containsOnly(0f);
    }
}
