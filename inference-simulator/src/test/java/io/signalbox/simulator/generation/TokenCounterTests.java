package io.signalbox.simulator.generation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class TokenCounterTests {

    @ParameterizedTest(name = "''{0}'' is {1} tokens")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            ""                    | 0
            a                     | 1
            abcd                  | 1
            abcde                 | 2
            "Hello there!"        | 3
            "twelve chars"        | 3
            "thirteen char"       | 4
            """)
    void countsOneTokenPerStartedGroupOfFourCharacters(String text, int tokens) {
        assertThat(TokenCounter.textTokens(text)).isEqualTo(tokens);
    }

    @Test
    void countsCodePointsNotUtf16Units() {
        String fiveEmoji = "\uD83D\uDE00".repeat(5);

        assertThat(fiveEmoji).hasSize(10);
        assertThat(TokenCounter.textTokens(fiveEmoji)).isEqualTo(2);
    }

    @Test
    void splitsTextIntoThePiecesItCountsWithoutBreakingACodePoint() {
        String text = "{\"city\":\"Z\uD83D\uDE00rich\"}";

        assertThat(TokenCounter.textPieces(text)).containsExactly("{\"ci", "ty\":", "\"Z\uD83D\uDE00r", "ich\"", "}")
                .hasSize(TokenCounter.textTokens(text));
        assertThat(String.join("", TokenCounter.textPieces(text))).isEqualTo(text);
        assertThat(TokenCounter.textPieces("")).isEmpty();
    }

    @Test
    void addsFourTokensPerMessageAndThreeToPrimeTheReply() {
        Prompt prompt = Prompt.user("Hello there!");

        assertThat(TokenCounter.promptTokens(prompt)).isEqualTo(3 + 1 + 3 + 3);
    }

    @Test
    void sumsEveryMessageOfTheConversation() {
        Prompt prompt = Prompt.of(
                new Prompt.Message("system", null, "Be brief."),
                new Prompt.Message("user", null, "Hello there!"),
                new Prompt.Message("assistant", null, ""));

        assertThat(TokenCounter.promptTokens(prompt)).isEqualTo((4 + 3) + (4 + 3) + (4 + 0) + 3);
    }

    @Test
    void chargesAParticipantNameOneTokenPlusItsText() {
        Prompt named = Prompt.of(new Prompt.Message("user", "alexandra", "Hello there!"));

        assertThat(TokenCounter.promptTokens(named))
                .isEqualTo(TokenCounter.promptTokens(Prompt.user("Hello there!")) + 1 + 3);
    }
}
