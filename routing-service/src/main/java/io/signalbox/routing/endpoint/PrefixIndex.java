package io.signalbox.routing.endpoint;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An approximate index of which prompt prefixes this router has sent to each endpoint, so that a request
 * can go where its prefix is probably still in the KV cache. A prompt is cut into fixed-size blocks and
 * each block is hashed together with every block before it (as vLLM's prefix cache does), so one hash
 * names a whole prefix. Each endpoint keeps its most recently used block hashes up to a bound (LRU),
 * roughly what its cache can hold; the index is a guess about the cache, never a promise.
 */
public final class PrefixIndex {

    private final int blockChars;

    private final int maxBlocks;

    private final int capacityPerEndpoint;

    private final Map<String, Lru> byEndpoint = new ConcurrentHashMap<>();

    /**
     * @param blockChars characters per block (about four characters per token: 64 is vLLM's 16-token block)
     * @param maxBlocks blocks hashed per prompt at most; longer prompts share their first blocks anyway
     * @param capacityPerEndpoint block hashes remembered per endpoint
     */
    public PrefixIndex(int blockChars, int maxBlocks, int capacityPerEndpoint) {
        this.blockChars = blockChars;
        this.maxBlocks = maxBlocks;
        this.capacityPerEndpoint = capacityPerEndpoint;
    }

    /** The chained hashes of the prompt's whole blocks, first block first. */
    public long[] blocks(String prompt) {
        int count = Math.min(maxBlocks, prompt.length() / blockChars);
        long[] hashes = new long[count];
        long hash = 0xcbf29ce484222325L;
        for (int block = 0; block < count; block++) {
            byte[] bytes = prompt.substring(block * blockChars, (block + 1) * blockChars)
                    .getBytes(StandardCharsets.UTF_8);
            for (byte b : bytes) {
                hash ^= b & 0xff;
                hash *= 0x100000001b3L;
            }
            hashes[block] = hash;
        }
        return hashes;
    }

    /** How many leading blocks of the prompt the endpoint was last seen with (0 when none). */
    public int matchedBlocks(String endpointId, long[] blocks) {
        Lru lru = byEndpoint.get(endpointId);
        if (lru == null || blocks.length == 0) {
            return 0;
        }
        synchronized (lru) {
            // As in vLLM, a prefix is reusable only up to its first missing block: most endpoints miss at once.
            int matched = 0;
            while (matched < blocks.length && lru.containsKey(blocks[matched])) {
                matched++;
            }
            return matched;
        }
    }

    /** Remembers that the prompt's blocks were sent to the endpoint. */
    public void record(String endpointId, long[] blocks) {
        if (blocks.length == 0) {
            return;
        }
        Lru lru = byEndpoint.computeIfAbsent(endpointId, id -> new Lru(capacityPerEndpoint));
        synchronized (lru) {
            // Last block first, so a prompt's first blocks are the most recently used and evicted last, as vLLM
            // frees a finished sequence's blocks tail first: the shared system prompt outlives each question.
            for (int i = blocks.length - 1; i >= 0; i--) {
                lru.put(blocks[i], Boolean.TRUE);
            }
        }
    }

    private static final class Lru extends LinkedHashMap<Long, Boolean> {

        private final int capacity;

        Lru(int capacity) {
            super(256, 0.75f, true);
            this.capacity = capacity;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
            return size() > capacity;
        }
    }
}
