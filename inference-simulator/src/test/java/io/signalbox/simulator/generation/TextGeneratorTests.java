package io.signalbox.simulator.generation;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TextGeneratorTests {

    private static final Prompt PROMPT = Prompt.user("Which route is cheapest?");

    private final TextGenerator generator = new TextGenerator(42, 16, 64);

    @Test
    void answersTheSameRequestWithTheSameText() {
        Completion first = generator.generate("llama-8b", PROMPT, 7L, 1000);
        Completion again = new TextGenerator(42, 16, 64).generate("llama-8b", Prompt.user("Which route is cheapest?"),
                7L, 1000);

        assertThat(again).isEqualTo(first);
    }

    @Test
    void answersDifferentlyForAnotherRequestSeed() {
        assertThat(generator.generate("llama-8b", PROMPT, 8L, 1000).text())
                .isNotEqualTo(generator.generate("llama-8b", PROMPT, 7L, 1000).text());
        assertThat(generator.generate("llama-8b", PROMPT, null, 1000).text())
                .isNotEqualTo(generator.generate("llama-8b", PROMPT, 7L, 1000).text());
    }

    @Test
    void answersDifferentlyOnAnEndpointWithAnotherSeed() {
        assertThat(new TextGenerator(43, 16, 64).generate("llama-8b", PROMPT, null, 1000).text())
                .isNotEqualTo(generator.generate("llama-8b", PROMPT, null, 1000).text());
    }

    @Test
    void answersDifferentlyForAnotherModelOrAnotherMessage() {
        String answer = generator.generate("llama-8b", PROMPT, null, 1000).text();

        assertThat(generator.generate("llama-70b", PROMPT, null, 1000).text()).isNotEqualTo(answer);
        assertThat(generator.generate("llama-8b", Prompt.user("Which route is fastest?"), null, 1000).text())
                .isNotEqualTo(answer);
        assertThat(generator.generate("llama-8b", Prompt.of(new Prompt.Message("system", null,
                "Which route is cheapest?")), null, 1000).text()).isNotEqualTo(answer);
    }

    @Test
    void answersATextPromptAlikeEachTimeButUnlikeAChatMessageWithTheSameText() {
        String text = "Once upon a time";

        Completion first = generator.generate("llama-8b", text, null, 1000);

        assertThat(generator.generate("llama-8b", text, null, 1000)).isEqualTo(first);
        assertThat(first.text()).isNotEqualTo(generator.generate("llama-8b", Prompt.user(text), null, 1000).text());
        assertThat(generator.generate("llama-8b", text, null, 3).tokens())
                .isEqualTo(first.tokens().subList(0, 3));
    }

    @Test
    void drawsNaturalLengthsAcrossTheWholeConfiguredRange() {
        Set<Integer> lengths = new HashSet<>();
        for (int request = 0; request < 300; request++) {
            Completion completion = generator.generate("llama-8b", Prompt.user("question " + request), null, 1000);
            assertThat(completion.completionTokens()).isBetween(16, 64);
            assertThat(completion.finishReason()).isEqualTo(FinishReason.STOP);
            lengths.add(completion.completionTokens());
        }

        assertThat(lengths).contains(16, 64).hasSizeGreaterThan(40);
    }

    @Test
    void cutsAtTheTokenLimitKeepingAPrefixOfTheFullAnswer() {
        Completion full = generator.generate("llama-8b", PROMPT, null, 1000);

        Completion cut = generator.generate("llama-8b", PROMPT, null, 5);

        assertThat(cut.completionTokens()).isEqualTo(5);
        assertThat(cut.finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(cut.tokens()).isEqualTo(full.tokens().subList(0, 5));
    }

    @Test
    void stopsNaturallyWhenTheLimitIsExactlyTheNaturalLength() {
        Completion full = generator.generate("llama-8b", PROMPT, null, 1000);

        Completion exact = generator.generate("llama-8b", PROMPT, null, full.completionTokens());

        assertThat(exact).isEqualTo(full);
    }

    @Test
    void writesCapitalisedSentencesThatEndWithAFullStop() {
        Completion completion = new TextGenerator(1, 40, 40).generate("llama-8b", PROMPT, null, 1000);

        String sentence = "[A-Z][a-z]*( [a-z]+)*\\.";
        assertThat(completion.text()).matches(sentence + "( " + sentence + ")*");
        assertThat(completion.tokens()).allSatisfy(token -> assertThat(token).matches("\\.|[A-Z][a-z]*| [A-Za-z]+"));
    }

    @ParameterizedTest(name = "{0}..{1}")
    @CsvSource({ "0, 10", "10, 9", "-1, 5" })
    void rejectsAnOutputRangeThatCannotProduceTokens(int min, int max) {
        assertThatIllegalArgumentException().isThrownBy(() -> new TextGenerator(1, min, max))
                .withMessageContaining("1 <= min <= max");
    }
}
