package io.signalbox.gateway.openai;

import tools.jackson.databind.JsonNode;

/**
 * Estimates prompt tokens before a request is routed (for context-window checks and routing), without a
 * tokenizer: about four characters of English text per token, as OpenAI documents for its BPE tokenizers,
 * plus OpenAI's cookbook overhead of four tokens per message and three to prime the reply. Good to a
 * few percent on prose, which is all routing needs; billing always uses the upstream's own counts.
 */
public final class TokenEstimator {

    private static final int CHARS_PER_TOKEN = 4;

    private static final int TOKENS_PER_MESSAGE = 4;

    private static final int REPLY_PRIMING_TOKENS = 3;

    private TokenEstimator() {
    }

    public static int estimateText(String text) {
        return (text.length() + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
    }

    /**
     * Estimates the tokens of a completions {@code prompt} or an embeddings {@code input}: a string, an
     * array of strings, or token ids (counted exactly).
     */
    public static int estimateInput(JsonNode input) {
        if (input.isString()) {
            return estimateText(input.asString());
        }
        int tokens = 0;
        for (JsonNode element : input) {
            if (element.isString()) {
                tokens += estimateText(element.asString());
            }
            else if (element.isArray()) {
                tokens += element.size();
            }
            else {
                tokens += 1;
            }
        }
        return tokens;
    }

    /** Estimates the prompt tokens of a chat {@code messages} array. */
    public static int estimateMessages(JsonNode messages) {
        int tokens = REPLY_PRIMING_TOKENS;
        for (JsonNode message : messages) {
            tokens += TOKENS_PER_MESSAGE;
            JsonNode content = message.path("content");
            if (content.isString()) {
                tokens += estimateText(content.asString());
            }
            else if (content.isArray()) {
                for (JsonNode part : content) {
                    if (part.path("text").isString()) {
                        tokens += estimateText(part.path("text").asString());
                    }
                }
            }
            if (message.path("name").isString()) {
                tokens += 1;
            }
        }
        return tokens;
    }
}
