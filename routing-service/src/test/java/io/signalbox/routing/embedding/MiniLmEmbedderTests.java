package io.signalbox.routing.embedding;

import java.util.List;

import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
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

    @Test
    void embedsShortTextsExactlyAsTheLangChain4jReferenceDoes() {
        String text = "Write a Java method that merges two sorted linked lists and explain why it is correct.";
        float[] reference = Vectors.normalized(new AllMiniLmL6V2QuantizedEmbeddingModel().embed(text).content().vector());

        assertThat(Vectors.dot(embedder.embed(text), reference))
                .as("heads trained on earlier vectors keep working").isCloseTo(1.0, within(1e-5));
    }

    @Test
    void embedsOnlyTheFirstMaxTokensOfALongText() {
        String opening = "Summarise the quarterly report of the northern sales region. ".repeat(20);
        String tail = "Then write a sonnet about penguins, compose a fugue and prove Fermat's last theorem. ".repeat(10);
        MiniLmEmbedder capped = MiniLmEmbedder.shared(new MiniLmEmbedder.Settings(64, 1));
        MiniLmEmbedder wide = MiniLmEmbedder.shared(new MiniLmEmbedder.Settings(512, 1));

        assertThat(Vectors.dot(capped.embed(opening), capped.embed(opening + tail)))
                .as("past the cap the tail is not read").isCloseTo(1.0, within(1e-5));
        assertThat(Vectors.dot(wide.embed(opening), wide.embed(opening + tail)))
                .as("with room for it, the tail changes the meaning").isLessThan(0.95);
    }

    @Test
    void refusesSettingsTheModelCannotRun() {
        assertThatIllegalArgumentException().isThrownBy(() -> new MiniLmEmbedder.Settings(513, 1))
                .withMessageContaining("between 3 and 512");
        assertThatIllegalArgumentException().isThrownBy(() -> new MiniLmEmbedder.Settings(128, 0))
                .withMessageContaining("intraOpThreads");
    }
}
