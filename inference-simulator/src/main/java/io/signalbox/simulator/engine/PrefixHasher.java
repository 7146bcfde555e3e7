package io.signalbox.simulator.engine;

import io.signalbox.simulator.generation.Prompt;
import io.signalbox.simulator.generation.TokenCounter;

/**
 * The hash chain over a prompt's full token blocks that the KV cache keys blocks by. The simulator has no
 * tokenizer, so a "token" is the same four-character slice {@link TokenCounter} counts: the prompt is laid out
 * as one canonical text (each message's role, name and text with separators), block {@code k} covers
 * characters {@code [k·4B, (k+1)·4B)}, and its hash mixes the previous block's hash with those characters. Two
 * prompts share the hashes of every block that lies wholly inside their common prefix, and never one after it.
 *
 * <p>As in vLLM, only blocks before the prompt's last token are hashed (the last token is always recomputed to
 * produce the first output), and the chain starts from the model (or adapter) name, because an adapter's KV
 * values differ from the base model's.
 */
public final class PrefixHasher {

    private static final long[] NONE = new long[0];

    private static final int CHARACTERS_PER_TOKEN = 4;

    private PrefixHasher() {
    }

    /**
     * @param namespace the served model or adapter name
     * @param prompt the messages
     * @param promptTokens the prompt's token count, which bounds the number of blocks
     * @param blockSize tokens per block
     */
    public static long[] chain(String namespace, Prompt prompt, int promptTokens, int blockSize) {
        int blocks = Math.max(0, promptTokens - 1) / blockSize;
        if (blocks == 0) {
            return NONE;
        }
        StringBuilder text = new StringBuilder();
        for (Prompt.Message message : prompt.messages()) {
            String name = message.name();
            text.append(message.role()).append('\u001f').append(name == null ? "" : name).append('\u001f')
                    .append(message.text()).append('\u001e');
        }
        return chain(namespace, text, blocks, blockSize);
    }

    /** The chain of a plain text prompt ({@code /v1/completions}). */
    public static long[] chainOfText(String namespace, CharSequence text, int promptTokens, int blockSize) {
        int blocks = Math.max(0, promptTokens - 1) / blockSize;
        return blocks == 0 ? NONE : chain(namespace, text, blocks, blockSize);
    }

    private static long[] chain(String namespace, CharSequence text, int blocks, int blockSize) {
        long[] chain = new long[blocks];
        long hash = mix(namespace.hashCode() ^ 0x5bd1e995L);
        int span = blockSize * CHARACTERS_PER_TOKEN;
        int length = text.length();
        for (int block = 0; block < blocks; block++) {
            long h = hash * 0x9E3779B97F4A7C15L + block;
            int from = Math.min(length, block * span);
            int to = Math.min(length, from + span);
            for (int index = from; index < to; index++) {
                h = (h ^ text.charAt(index)) * 0x100000001B3L;
            }
            hash = mix(h ^ (to - from));
            chain[block] = hash;
        }
        return chain;
    }

    /** MurmurHash3's 64-bit finaliser: spreads every input bit over the whole hash. */
    private static long mix(long value) {
        long h = value;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb93e00b2c5d1L;
        h ^= h >>> 33;
        return h;
    }
}
