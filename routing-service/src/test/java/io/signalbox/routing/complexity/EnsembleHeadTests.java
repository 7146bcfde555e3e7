package io.signalbox.routing.complexity;

import java.util.List;
import java.util.stream.Stream;

import io.signalbox.routing.embedding.BagOfWordsEmbedder;
import io.signalbox.routing.embedding.SentenceEmbedder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class EnsembleHeadTests {

    private static final List<String> HARD = LearnedScorerTests.HARD;

    private static final List<String> EASY = LearnedScorerTests.EASY;

    private final SentenceEmbedder embedder = new BagOfWordsEmbedder(64);

    @Test
    void placesAScoreAmongTheTrainingScoresCountingTiesHalf() {
        double[] sorted = {0.1, 0.2, 0.3, 0.4};

        assertThat(EnsembleHead.percentile(sorted, 0.0)).isZero();
        assertThat(EnsembleHead.percentile(sorted, 0.25)).isEqualTo(0.5);
        assertThat(EnsembleHead.percentile(sorted, 0.2)).isEqualTo(0.375);
        assertThat(EnsembleHead.percentile(sorted, 0.9)).isEqualTo(1.0);
    }

    @Test
    void averagesThePercentilesOfItsThreeScorers() {
        LogisticHead logistic = new LogisticHead(new float[] {1, 0}, 0);
        KnnHead knn = new KnnHead(1, List.of(new float[] {1, 0}, new float[] {0, 1}), new double[] {0.8, 0.2});
        float[] embedding = {1, 0};
        Prompt prompt = Prompt.ofUserText("hi");
        double logisticScore = logistic.score(embedding);
        double featureScore = new FeatureComplexityScorer().score(prompt);
        EnsembleHead head = new EnsembleHead(logistic, knn,
                new double[] {logisticScore - 0.1, logisticScore + 0.1},
                new double[] {0.1, 0.5, 0.9, 0.95},
                new double[] {featureScore + 0.1, featureScore + 0.2});

        assertThat(head.score(embedding, prompt)).as("logistic 1/2, kNN (0.8) 2/4, features 0/2")
                .isCloseTo((0.5 + 0.5 + 0.0) / 3, within(1e-12));
        assertThat(head.score(embedding)).as("without the text: the two embedding heads")
                .isCloseTo((0.5 + 0.5) / 2, within(1e-12));
    }

    @Test
    void trainedOnExamplesItRanksUnseenHardPromptsAboveEasyOnesAndSurvivesJson() {
        List<String> prompts = Stream.concat(HARD.stream(), EASY.stream()).toList();
        List<float[]> embeddings = prompts.stream().map(embedder::embed).toList();
        double[] labels = prompts.stream().mapToDouble(p -> HARD.contains(p) ? 1.0 : 0.0).toArray();

        EnsembleHead head = HeadTrainer.ensemble(embeddings, prompts, labels, 3);
        EmbeddingComplexityScorer scorer = new EmbeddingComplexityScorer(embedder, head);
        double hard = scorer.score(Prompt.ofUserText("prove that the integral of the polynomial converges"));
        double easy = scorer.score(Prompt.ofUserText("hello, tell me a joke"));

        assertThat(hard).isGreaterThan(easy + 0.3);
        assertThat(head.knnQuantiles()).as("leave-one-out scores of every training prompt").hasSize(12);
        HeadFile read = HeadFile.fromJson(new HeadFile(HeadFile.FORMAT, "bag-of-words", "s", "w", 12, null, null,
                head).toJson());
        assertThat(read.head()).isInstanceOf(EnsembleHead.class);
        Prompt probe = Prompt.ofUserText("prove the lemma, hello");
        assertThat(read.head().score(embedder.embed("prove the lemma, hello"), probe))
                .isCloseTo(head.score(embedder.embed("prove the lemma, hello"), probe), within(1e-9));
    }

    @Test
    void refusesHeadsOfDifferentDimensionsAndEmptyQuantiles() {
        LogisticHead two = new LogisticHead(new float[] {1, 0}, 0);
        KnnHead three = new KnnHead(1, List.of(new float[3]), new double[] {0.5});
        KnnHead twoKnn = new KnnHead(1, List.of(new float[2]), new double[] {0.5});

        assertThatIllegalArgumentException().isThrownBy(() -> new EnsembleHead(two, three, new double[] {0.5},
                new double[] {0.5}, new double[] {0.5})).withMessageContaining("different lengths");
        assertThatIllegalArgumentException().isThrownBy(() -> new EnsembleHead(two, twoKnn, new double[0],
                new double[] {0.5}, new double[] {0.5})).withMessageContaining("logisticQuantiles");
    }
}
