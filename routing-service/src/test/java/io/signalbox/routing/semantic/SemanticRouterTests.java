package io.signalbox.routing.semantic;

import java.util.List;

import io.signalbox.routing.embedding.BagOfWordsEmbedder;
import io.signalbox.routing.embedding.MiniLmEmbedder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SemanticRouterTests {

    private static final List<SemanticCategory> SUPPORT = List.of(
            new SemanticCategory("billing", List.of(
                    "I was charged twice for my subscription",
                    "How do I get a refund?",
                    "Update the credit card on my account")),
            new SemanticCategory("coding", List.of(
                    "Fix the null pointer exception in this Java method",
                    "Write a Python function that parses a CSV file",
                    "Why does my SQL query return duplicate rows?")),
            new SemanticCategory("smalltalk", List.of(
                    "Hi there, how are you?",
                    "Tell me a joke")));

    /** One model per test JVM: loading it is the expensive part. */
    private static final SemanticRouter ROUTER = new SemanticRouter(SUPPORT, 0.35, "general", MiniLmEmbedder.shared());

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "My card got billed two times this month, please refund one | billing",
        "Can you give me my money back for last month?             | billing",
        "My SQL query returns the same row twice, why?               | coding",
        "Write a Python function to read a CSV file                  | coding",
        "Why is this Java method throwing a NullPointerException?    | coding",
        "hello! how's your day going?                                | smalltalk"})
    void routesParaphrasesToTheirCategory(String prompt, String category) {
        SemanticMatch match = ROUTER.classify(prompt);

        assertThat(match.category()).as(match.toString()).isEqualTo(category);
        assertThat(match.matched()).isTrue();
    }

    @Test
    void fallsBackToTheDefaultWhenNothingIsSimilarEnough() {
        SemanticMatch match = ROUTER.classify("The migration patterns of arctic terns span both poles.");

        assertThat(match.category()).isEqualTo("general");
        assertThat(match.matched()).isFalse();
        assertThat(match.similarity()).isLessThan(0.35);
        assertThat(match.nearestCategory()).isNotNull();
    }

    @Test
    void reportsTheNearestExemplarForExplanations() {
        SemanticMatch match = ROUTER.classify("How do I get a refund?");

        assertThat(match.nearestExemplar()).isEqualTo("How do I get a refund?");
        assertThat(match.similarity()).isGreaterThan(0.99);
    }

    @Test
    void sendsEmptyPromptsToTheDefault() {
        SemanticMatch match = ROUTER.classify("   ");

        assertThat(match.category()).isEqualTo("general");
        assertThat(match.nearestExemplar()).isNull();
    }

    @Test
    void appliesTheThresholdAtItsBoundary() {
        BagOfWordsEmbedder words = new BagOfWordsEmbedder(256);
        List<SemanticCategory> categories = List.of(new SemanticCategory("a", List.of("alpha beta")));
        // "alpha gamma" shares one of two words: cosine 0.5
        assertThat(new SemanticRouter(categories, 0.49, "d", words).classify("alpha gamma").category()).isEqualTo("a");
        assertThat(new SemanticRouter(categories, 0.51, "d", words).classify("alpha gamma").category()).isEqualTo("d");
    }

    @Test
    void rejectsInvalidConfiguration() {
        BagOfWordsEmbedder words = new BagOfWordsEmbedder(16);
        SemanticCategory a = new SemanticCategory("a", List.of("x"));

        assertThatIllegalArgumentException().isThrownBy(() -> new SemanticRouter(List.of(), 0.5, "d", words));
        assertThatIllegalArgumentException().isThrownBy(() -> new SemanticRouter(List.of(a, a), 0.5, "d", words))
                .withMessageContaining("'a' is listed twice");
        assertThatIllegalArgumentException().isThrownBy(() -> new SemanticRouter(List.of(a), 1.5, "d", words));
        assertThatIllegalArgumentException().isThrownBy(() -> new SemanticRouter(List.of(a), 0.5, " ", words));
        assertThatIllegalArgumentException().isThrownBy(() -> new SemanticCategory("b", List.of()))
                .withMessageContaining("'b'");
    }
}
