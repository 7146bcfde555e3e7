package io.signalbox.simulator.generation;

import java.util.ArrayList;
import java.util.List;

/**
 * Approximates how many tokens a BPE tokenizer (cl100k / o200k, Llama 3's tiktoken-based vocabulary) would
 * produce, without shipping a vocabulary. Routing and cost tests need counts that are plausible, stable and
 * easy to predict by hand, not exact ones.
 *
 * <p>The rule:
 * <ul>
 * <li>text: one token per started group of four Unicode code points, {@code ceil(codePoints / 4)}; the
 *     empty string is 0 tokens (OpenAI's rule of thumb: a token is about four characters of English);</li>
 * <li>each message: 3 framing tokens plus 1 for the role (every standard role is a single token) plus its
 *     text; a participant {@code name} adds 1 token plus the name's text;</li>
 * <li>each request: 3 more tokens that prime the assistant's reply.</li>
 * </ul>
 * The per-message and per-request overheads are those of OpenAI's cookbook estimate
 * ("How to count tokens with tiktoken", {@code num_tokens_from_messages}).
 */
public final class TokenCounter {

    /** Framing tokens around every message, before its role and content. */
    public static final int TOKENS_PER_MESSAGE = 3;

    /** The role name is a single token for every standard role. */
    public static final int TOKENS_PER_ROLE = 1;

    /** A participant name costs one token on top of its text. */
    public static final int TOKENS_PER_NAME = 1;

    /** Tokens that prime the reply ({@code <|start|>assistant<|message|>}). */
    public static final int REPLY_PRIMING_TOKENS = 3;

    private static final int CHARACTERS_PER_TOKEN = 4;

    private TokenCounter() {
    }

    /** Tokens in a piece of text: {@code ceil(codePoints / 4)}. */
    public static int textTokens(String text) {
        int codePoints = text.codePointCount(0, text.length());
        return (codePoints + CHARACTERS_PER_TOKEN - 1) / CHARACTERS_PER_TOKEN;
    }

    /**
     * The pieces {@link #textTokens} counts, in order: four code points each, the last one shorter. Concatenated
     * they are the text; an empty text has none.
     */
    public static List<String> textPieces(String text) {
        List<String> pieces = new ArrayList<>(textTokens(text));
        int start = 0;
        while (start < text.length()) {
            int end = text.offsetByCodePoints(start, Math.min(CHARACTERS_PER_TOKEN,
                    text.codePointCount(start, text.length())));
            pieces.add(text.substring(start, end));
            start = end;
        }
        return pieces;
    }

    /** Prompt tokens of a whole chat request, as reported in {@code usage.prompt_tokens}. */
    public static int promptTokens(Prompt prompt) {
        int tokens = REPLY_PRIMING_TOKENS;
        for (Prompt.Message message : prompt.messages()) {
            tokens += TOKENS_PER_MESSAGE + TOKENS_PER_ROLE + textTokens(message.text());
            String name = message.name();
            if (name != null) {
                tokens += TOKENS_PER_NAME + textTokens(name);
            }
        }
        return tokens;
    }
}
