package io.signalbox.simulator.generation;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.jspecify.annotations.Nullable;

/**
 * Produces a deterministic, sentence-shaped answer for a request, so tests and demos can compare
 * responses across retries, fallbacks and streaming versus non-streaming calls.
 *
 * <p>The answer depends only on the endpoint's seed and a SHA-256 of the request's model, messages (role,
 * name, text) and request {@code seed}. Its natural length is drawn uniformly from
 * {@code [minTokens, maxTokens]}; a token limit (from {@code max_tokens} or the context window) cuts it, and a
 * cut answer is always a prefix of the uncut one. Tokens are words from a small built-in vocabulary with a
 * leading space, and a sentence-ending {@code "."} token.
 */
public final class TextGenerator {

    private static final List<String> VOCABULARY = List.of(
            "the", "a", "signal", "route", "model", "token", "request", "answer", "latency", "budget",
            "endpoint", "pool", "cache", "prefix", "queue", "batch", "stream", "gateway", "policy", "cost",
            "fast", "small", "large", "steady", "quick", "careful", "simple", "useful", "local", "remote",
            "sends", "routes", "answers", "counts", "waits", "serves", "picks", "keeps", "measures", "returns",
            "to", "of", "and", "for", "with", "from", "in", "on", "by", "each",
            "every", "one", "many", "first", "next", "last", "today", "here", "now", "well");

    private static final int MIN_SENTENCE_WORDS = 4;

    private static final int MAX_SENTENCE_WORDS = 12;

    private final long seed;

    private final int minTokens;

    private final int maxTokens;

    /**
     * @param seed the endpoint's seed; two endpoints with different seeds answer the same request differently
     * @param minTokens shortest natural answer, at least 1
     * @param maxTokens longest natural answer, at least {@code minTokens}
     */
    public TextGenerator(long seed, int minTokens, int maxTokens) {
        if (minTokens < 1 || maxTokens < minTokens) {
            throw new IllegalArgumentException(
                    "output token range must satisfy 1 <= min <= max, was " + minTokens + ".." + maxTokens);
        }
        this.seed = seed;
        this.minTokens = minTokens;
        this.maxTokens = maxTokens;
    }

    /**
     * Generates the answer to a request.
     *
     * @param model the model name as requested
     * @param prompt the messages
     * @param requestSeed the request's {@code seed}, if it sent one
     * @param tokenLimit at most this many tokens are produced (at least 1); a longer natural answer is cut and
     *     finishes with {@link FinishReason#LENGTH}
     */
    public Completion generate(String model, Prompt prompt, @Nullable Long requestSeed, int tokenLimit) {
        return generate(fingerprint(model, prompt, requestSeed), tokenLimit);
    }

    /**
     * Generates the answer to a plain text prompt ({@code /v1/completions}); the same text never answers like
     * a chat message with that text, because the fingerprint marks which kind of prompt it is.
     */
    public Completion generate(String model, String prompt, @Nullable Long requestSeed, int tokenLimit) {
        MessageDigest digest = start(model);
        update(digest, "text-prompt");
        update(digest, prompt);
        return generate(finish(digest, requestSeed), tokenLimit);
    }

    private Completion generate(long fingerprint, int tokenLimit) {
        if (tokenLimit < 1) {
            throw new IllegalArgumentException("token limit must be at least 1, was " + tokenLimit);
        }
        SplittableRandom random = new SplittableRandom(fingerprint);
        int naturalLength = minTokens + random.nextInt(maxTokens - minTokens + 1);
        int length = Math.min(naturalLength, tokenLimit);
        List<String> tokens = new ArrayList<>(length);
        boolean sentenceStart = true;
        int wordsLeft = sentenceWords(random);
        for (int index = 0; index < length; index++) {
            boolean lastOfAnswer = index == naturalLength - 1;
            if (!sentenceStart && (lastOfAnswer || wordsLeft == 0)) {
                tokens.add(".");
                sentenceStart = true;
                wordsLeft = sentenceWords(random);
                continue;
            }
            String word = VOCABULARY.get(random.nextInt(VOCABULARY.size()));
            if (sentenceStart) {
                word = word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
            }
            tokens.add(index == 0 ? word : " " + word);
            sentenceStart = false;
            wordsLeft--;
        }
        return new Completion(tokens, naturalLength > length ? FinishReason.LENGTH : FinishReason.STOP);
    }

    private static int sentenceWords(SplittableRandom random) {
        return MIN_SENTENCE_WORDS + random.nextInt(MAX_SENTENCE_WORDS - MIN_SENTENCE_WORDS + 1);
    }

    private long fingerprint(String model, Prompt prompt, @Nullable Long requestSeed) {
        MessageDigest digest = start(model);
        for (Prompt.Message message : prompt.messages()) {
            update(digest, message.role());
            String name = message.name();
            update(digest, name == null ? "" : "name:" + name);
            update(digest, message.text());
        }
        return finish(digest, requestSeed);
    }

    private MessageDigest start(String model) {
        MessageDigest digest = sha256();
        digest.update(ByteBuffer.allocate(Long.BYTES).putLong(seed).array());
        update(digest, model);
        return digest;
    }

    private static long finish(MessageDigest digest, @Nullable Long requestSeed) {
        update(digest, requestSeed == null ? "" : "seed:" + requestSeed);
        return ByteBuffer.wrap(digest.digest()).getLong();
    }

    /** Length-prefixed, so ("ab", "c") and ("a", "bc") never hash alike. */
    static void update(MessageDigest digest, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
        digest.update(bytes);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("every Java platform provides SHA-256", ex);
        }
    }
}
