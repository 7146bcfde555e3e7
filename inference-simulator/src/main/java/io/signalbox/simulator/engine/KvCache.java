package io.signalbox.simulator.engine;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A paged KV cache of a fixed number of blocks with automatic prefix caching, as vLLM keeps it: every full
 * prompt block is registered under the hash of its chain, stays cached after its sequence ends, and is
 * reused by any later prompt with the same prefix until it is evicted. Blocks no running sequence references
 * are evictable in least-recently-freed order; a sequence frees its blocks last-to-first, so the tail of a
 * prompt goes before its (more shareable) head. Partial prompt blocks and generated tokens take private
 * blocks, which are never shared. Not thread-safe; the engine owns it.
 */
final class KvCache {

    private final int capacity;

    private final Map<Long, Block> cached = new HashMap<>();

    /** Cached blocks nobody references, least recently freed first. */
    private final LinkedHashMap<Long, Block> evictable = new LinkedHashMap<>();

    private int privateBlocks;

    private long evictions;

    KvCache(int capacity) {
        this.capacity = capacity;
    }

    /** How many leading blocks of the chain are cached. */
    int cachedPrefixBlocks(long[] chain) {
        int hits = 0;
        while (hits < chain.length && cached.containsKey(chain[hits])) {
            hits++;
        }
        return hits;
    }

    /**
     * Whether a sequence of {@code totalBlocks} blocks, with this chain of full prompt blocks, fits now, counting
     * unreferenced cached blocks as free (they are evicted on demand) unless the sequence reuses them itself.
     */
    boolean fits(long[] chain, int totalBlocks) {
        int present = 0;
        int presentIdle = 0;
        for (long hash : chain) {
            Block block = cached.get(hash);
            if (block != null) {
                present++;
                if (block.references == 0) {
                    presentIdle++;
                }
            }
        }
        int free = capacity - cached.size() - privateBlocks + evictable.size() - presentIdle;
        return totalBlocks - present <= free;
    }

    /**
     * Takes the blocks {@link #fits} approved: references the chain's cached blocks, evicts the least recently
     * freed unreferenced blocks until the rest fits, registers the rest of the chain and counts the private
     * blocks.
     */
    void allocate(long[] chain, int totalBlocks) {
        int newHashed = 0;
        for (long hash : chain) {
            Block block = cached.get(hash);
            if (block == null) {
                newHashed++;
            }
            else if (block.references++ == 0) {
                evictable.remove(hash);
            }
        }
        int newPrivate = totalBlocks - chain.length;
        Iterator<Block> oldest = evictable.values().iterator();
        while (cached.size() + privateBlocks + newHashed + newPrivate > capacity) {
            Block victim = oldest.next();
            oldest.remove();
            cached.remove(victim.hash);
            evictions++;
        }
        for (long hash : chain) {
            if (!cached.containsKey(hash)) {
                Block block = new Block(hash);
                block.references = 1;
                cached.put(hash, block);
            }
        }
        privateBlocks += newPrivate;
    }

    /** Gives the blocks of an ended sequence back, last block first. */
    void release(long[] chain, int totalBlocks) {
        for (int index = chain.length - 1; index >= 0; index--) {
            Block block = cached.get(chain[index]);
            if (block != null && --block.references == 0) {
                evictable.put(block.hash, block);
            }
        }
        privateBlocks -= totalBlocks - chain.length;
    }

    boolean contains(long hash) {
        return cached.containsKey(hash);
    }

    /** Blocks referenced by running sequences. */
    int usedBlocks() {
        return cached.size() - evictable.size() + privateBlocks;
    }

    int cachedBlocks() {
        return cached.size();
    }

    long evictions() {
        return evictions;
    }

    int capacity() {
        return capacity;
    }

    private static final class Block {

        private final long hash;

        private int references;

        private Block(long hash) {
            this.hash = hash;
        }
    }
}
