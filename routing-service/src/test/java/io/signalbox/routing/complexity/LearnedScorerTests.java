package io.signalbox.routing.complexity;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import io.signalbox.routing.complexity.HeadTrainer.LogisticOptions;
import io.signalbox.routing.embedding.BagOfWordsEmbedder;
import io.signalbox.routing.embedding.SentenceEmbedder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class LearnedScorerTests {

    static final List<String> HARD = List.of(
            "prove the theorem about prime groups", "derive the integral of the polynomial",
            "prove the lemma on eigenvalues of the matrix", "derive the proof of convergence",
            "compute the eigenvalues and prove the matrix is diagonal", "prove the polynomial has a root");

    static final List<String> EASY = List.of(
            "hello how are you today", "translate good morning to french", "tell me a joke today",
            "what is the weather today", "say hello to my friend", "thanks for the nice joke");

    private final SentenceEmbedder embedder = new BagOfWordsEmbedder(64);

    @Test
    void learnsToScorePromptsLikeTheHardExamplesHigher() {
        LogisticHead head = trainLogistic();
        EmbeddingComplexityScorer scorer = new EmbeddingComplexityScorer(embedder, head);

        double unseenHard = scorer.score(Prompt.ofUserText("prove that the integral converges"));
        double unseenEasy = scorer.score(Prompt.ofUserText("hello, tell me a joke"));

        assertThat(unseenHard).isGreaterThan(0.6);
        assertThat(unseenEasy).isLessThan(0.4);
    }

    @Test
    void knnScoresByTheNearestExamples() {
        KnnHead head = HeadTrainer.knn(embed(all()), labels(), 3);
        EmbeddingComplexityScorer scorer = new EmbeddingComplexityScorer(embedder, head);

        assertThat(scorer.score(Prompt.ofUserText("prove the theorem about the matrix"))).isGreaterThan(0.6);
        assertThat(scorer.score(Prompt.ofUserText("hello, translate this joke"))).isLessThan(0.4);
    }

    @Test
    void knnWithKOneReturnsTheNearestLabelAndToleratesKAboveTheExemplarCount() {
        List<float[]> exemplars = List.of(new float[] {1, 0}, new float[] {0, 1});
        double[] labels = {0.9, 0.1};

        assertThat(new KnnHead(1, exemplars, labels).score(new float[] {0.8f, 0.6f})).isEqualTo(0.9);
        assertThat(new KnnHead(10, exemplars, labels).score(new float[] {1, 0})).isBetween(0.1, 0.9);
    }

    @Test
    void roundTripsHeadsThroughJsonWithoutChangingScores() {
        LogisticHead logistic = trainLogistic();
        KnnHead knn = HeadTrainer.knn(embed(all()), labels(), 3);
        float[] probe = embedder.embed("prove the lemma, hello");

        for (ComplexityHead head : List.of(logistic, knn)) {
            HeadFile file = new HeadFile(HeadFile.FORMAT, "bag-of-words", "strong-m", "weak-m", 12, 0.5, 0.3, head);

            HeadFile read = HeadFile.fromJson(file.toJson());

            assertThat(read.head().score(probe)).isCloseTo(head.score(probe), within(1e-6));
            assertThat(read.head()).isInstanceOf(head.getClass());
            assertThat(read.threshold()).isEqualTo(0.5);
            assertThat(read.strongModel()).isEqualTo("strong-m");
        }
    }

    @Test
    void writesTheHeadTypeIntoTheJson() {
        HeadFile file = new HeadFile(HeadFile.FORMAT, HeadFile.MINILM, "s", "w", 1, null, null,
                new LogisticHead(new float[] {0.5f}, 0.25));

        assertThat(file.toJson()).contains("\"type\":\"logistic\"", "\"weights\":[0.5]", "\"bias\":0.25");
    }

    @Test
    void rejectsJsonOfAnotherFormatOrShape() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> HeadFile.fromJson("{\"format\":\"other/v9\",\"head\":{\"type\":\"logistic\",\"weights\":[1],\"bias\":0}}"))
                .withMessageContaining(HeadFile.FORMAT);
        assertThatIllegalArgumentException().isThrownBy(() -> HeadFile.fromJson("[1,2,3]"))
                .withMessageContaining("Not a complexity head");
    }

    @Test
    void refusesAHeadTrainedForAnotherEmbeddingSize() {
        LogisticHead head = new LogisticHead(new float[32], 0);

        assertThatIllegalArgumentException().isThrownBy(() -> new EmbeddingComplexityScorer(embedder, head))
                .withMessageContaining("32").withMessageContaining("64");
    }

    @Test
    void refusesTrainingDataWithoutOneLabelPerEmbedding() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> HeadTrainer.logistic(embed(HARD), new double[] {1}, LogisticOptions.DEFAULTS));
        assertThatIllegalArgumentException().isThrownBy(() -> HeadTrainer.knn(List.of(), new double[0], 3));
    }

    @Test
    void trainsTheSameHeadFromTheSameData() {
        assertThat(trainLogistic().weights()).containsExactly(trainLogistic().weights());
    }

    private LogisticHead trainLogistic() {
        return HeadTrainer.logistic(embed(all()), labels(), LogisticOptions.DEFAULTS);
    }

    private List<String> all() {
        return Stream.concat(HARD.stream(), EASY.stream()).toList();
    }

    private double[] labels() {
        double[] labels = new double[HARD.size() + EASY.size()];
        Arrays.fill(labels, 0, HARD.size(), 1.0);
        return labels;
    }

    private List<float[]> embed(List<String> texts) {
        return embedder.embedAll(texts);
    }
}
