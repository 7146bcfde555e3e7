package io.signalbox.routing.complexity;

import java.util.List;

import io.signalbox.routing.complexity.Prompt.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FeatureComplexityScorerTests {

    private static final String PROOF_TASK = """
            Prove that every finite group of prime order p is cyclic. Then derive, step by step, why a group
            of order p^2 must be abelian, and explain where the argument fails for order p^3. Justify each
            step and cite the theorem you use.""";

    private static final String CODING_TASK = """
            Implement a thread-safe LRU cache in Java with O(1) get and put. Requirements:
            1. It must not use LinkedHashMap.
            2. Eviction must happen exactly when the capacity is exceeded.
            3. Explain the concurrency trade-offs of your design.
            ```java
            public interface Cache<K, V> {
                V get(K key);
                void put(K key, V value);
            }
            ```""";

    private final FeatureComplexityScorer scorer = new FeatureComplexityScorer();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"hi", "Hello, how are you?", "Thanks!", "Translate 'good morning' into French.",
        "What is the capital of Peru?", "Define photosynthesis in one sentence."})
    void scoresRoutineRequestsLow(String text) {
        assertThat(scorer.score(Prompt.ofUserText(text))).isLessThan(0.25);
    }

    @ParameterizedTest(name = "{index}")
    @ValueSource(strings = {PROOF_TASK, CODING_TASK})
    void scoresDemandingTasksHigh(String text) {
        assertThat(scorer.score(Prompt.ofUserText(text))).isGreaterThan(0.75);
    }

    @Test
    void ranksChitChatBelowAQuestionBelowAMultiStepTask() {
        double chat = scorer.score(Prompt.ofUserText("hey there"));
        double question = scorer.score(Prompt.ofUserText("Which rivers flow through Vienna and Budapest?"));
        double task = scorer.score(Prompt.ofUserText(CODING_TASK));

        assertThat(chat).isLessThan(question);
        assertThat(question).isLessThan(task);
    }

    @Test
    void recognisesCodeByFencesKeywordsAndLineEnds() {
        ComplexityFeatures code = scorer.features(Prompt.ofUserText("""
                Why does this fail?
                ```
                int main() {
                    return compute(x);
                }
                ```"""));
        ComplexityFeatures prose = scorer.features(Prompt.ofUserText("Why do classic novels still sell well?"));

        assertThat(code.code()).isGreaterThan(0.6);
        assertThat(prose.code()).isZero();
    }

    @Test
    void recognisesMathByEquationsAndLatex() {
        ComplexityFeatures equation = scorer.features(Prompt.ofUserText("Solve 3x + 7 = 22 and x^2 - 4 = 0."));
        ComplexityFeatures latex = scorer.features(Prompt.ofUserText("Evaluate \\int_0^1 \\frac{1}{1+t} dt"));
        ComplexityFeatures prose = scorer.features(Prompt.ofUserText("Tell me about the history of tea in England."));

        assertThat(equation.math()).isGreaterThan(0.6);
        assertThat(latex.math()).isGreaterThan(0.6);
        assertThat(prose.math()).isZero();
    }

    @Test
    void countsReasoningMarkersAndPhrases() {
        ComplexityFeatures marked = scorer.features(Prompt.ofUserText(
                "Compare both designs, walk me through the trade-off and explain why one wins."));
        ComplexityFeatures plain = scorer.features(Prompt.ofUserText("List three colours of the rainbow."));

        assertThat(marked.reasoning()).isEqualTo(1.0);
        assertThat(plain.reasoning()).isZero();
    }

    @Test
    void countsConstraintsAndNumberedRequirements() {
        ComplexityFeatures constrained = scorer.features(Prompt.ofUserText("""
                Write a product description.
                1. It must be exactly 50 words.
                2. Do not mention the price.
                3. Answer in JSON with fields title and body."""));
        ComplexityFeatures free = scorer.features(Prompt.ofUserText("Write a product description for a kettle."));

        assertThat(constrained.constraints()).isGreaterThan(0.7);
        assertThat(free.constraints()).isZero();
    }

    @Test
    void treatsNonLatinScriptAsNonEnglish() {
        assertThat(scorer.features(Prompt.ofUserText("Объясни, почему небо голубое")).nonEnglish()).isEqualTo(1.0);
        assertThat(scorer.features(Prompt.ofUserText("Explain why the sky is blue")).nonEnglish()).isZero();
    }

    @Test
    void scoresTheSameQuestionHigherDeepInAConversation() {
        String question = "And what about the second case?";
        Prompt fresh = Prompt.ofUserText(question);
        Prompt deep = new Prompt(List.of(
                new Message(Message.SYSTEM, "You are a careful tutor."),
                new Message(Message.USER, "a"), new Message(Message.ASSISTANT, "b"),
                new Message(Message.USER, "c"), new Message(Message.ASSISTANT, "d"),
                new Message(Message.USER, "e"), new Message(Message.ASSISTANT, "f"),
                new Message(Message.USER, "g"), new Message(Message.ASSISTANT, "h"),
                new Message(Message.USER, question)));

        assertThat(scorer.features(deep).depth()).isEqualTo(0.5);
        assertThat(scorer.score(deep)).isGreaterThan(scorer.score(fresh));
    }

    @Test
    void judgesTheLastUserMessageNotTheSystemPrompt() {
        Prompt prompt = new Prompt(List.of(
                new Message(Message.SYSTEM, CODING_TASK),
                new Message(Message.USER, "hi")));

        assertThat(scorer.score(prompt)).isLessThan(0.25);
    }

    @Test
    void scoresLongerTextsHigherUpToSaturation() {
        double shortText = scorer.features(Prompt.ofUserText("word ".repeat(10))).length();
        double longText = scorer.features(Prompt.ofUserText("word ".repeat(400))).length();
        double hugeText = scorer.features(Prompt.ofUserText("word ".repeat(100_000))).length();

        assertThat(shortText).isLessThan(longText);
        assertThat(hugeText).isEqualTo(1.0);
    }

    @Test
    void keepsScoresInsideTheUnitIntervalForExtremeInput() {
        String everything = (PROOF_TASK + CODING_TASK).repeat(200);

        assertThat(scorer.score(Prompt.ofUserText(everything))).isBetween(0.0, 1.0);
        assertThat(scorer.score(new Prompt(List.of()))).isBetween(0.0, 0.1);
        assertThat(scorer.score(Prompt.ofUserText(""))).isBetween(0.0, 0.1);
    }

    @Test
    void appliesCustomWeights() {
        FeatureComplexityScorer neutral = new FeatureComplexityScorer(new FeatureWeights(0, 0, 0, 0, 0, 0, 0, 0, 0));
        FeatureComplexityScorer mathOnly = new FeatureComplexityScorer(new FeatureWeights(-2, 0, 0, 4, 0, 0, 0, 0, 0));

        assertThat(neutral.score(Prompt.ofUserText(PROOF_TASK))).isCloseTo(0.5, within(1e-12));
        assertThat(mathOnly.score(Prompt.ofUserText("Solve 3x + 7 = 22")))
                .isGreaterThan(mathOnly.score(Prompt.ofUserText("Write a poem about autumn leaves")));
    }
}
