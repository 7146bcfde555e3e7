package io.signalbox.telemetry.ingest;

import java.util.UUID;

/**
 * A bounded memory of the last {@code capacity} event ids counted, oldest forgotten first, so memory stays flat
 * however long the service runs. Redeliveries come soon after the original (a rebalance, a spool replay), which is
 * what first-in first-out keeps.
 *
 * <p>The ids live in primitive arrays: a ring of their 128 bits in arrival order, and an open-addressing table
 * (linear probing) of ring positions: 16 bytes per id in the ring and 8 to 16 in the table, allocated once, and no
 * object per id. A cache with {@code UUID} keys held about 100 bytes in three objects per id (200,000 ids by
 * default), each promoted to the old generation and later evicted: references for every young collection to scan,
 * and garbage that only a full collection clears.
 */
final class RecentEvents {

    /** 67 million ids: a ring of 1 GiB and a table of 1 GiB. */
    static final int MAX_CAPACITY = 1 << 26;

    private final int capacity;

    private final long[] high;

    private final long[] low;

    /** Ring position + 1 of the id in each slot, 0 for an empty slot. */
    private final int[] slots;

    private final int mask;

    private final int shift;

    /** The ring position the next id goes to: once the ring is full, the oldest id's. */
    private int next;

    private int size;

    RecentEvents(long capacity) {
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("capacity must be between 1 and " + MAX_CAPACITY + ", was " + capacity);
        }
        this.capacity = (int) capacity;
        this.high = new long[this.capacity];
        this.low = new long[this.capacity];
        int tableSize = Integer.highestOneBit(this.capacity) << 2;
        this.slots = new int[tableSize];
        this.mask = tableSize - 1;
        this.shift = Long.SIZE - Integer.numberOfTrailingZeros(tableSize);
    }

    /** True exactly once per event id (while it is remembered), even when called concurrently. */
    synchronized boolean firstSighting(UUID eventId) {
        long hi = eventId.getMostSignificantBits();
        long lo = eventId.getLeastSignificantBits();
        int slot = home(hi, lo);
        while (slots[slot] != 0) {
            int position = slots[slot] - 1;
            if (high[position] == hi && low[position] == lo) {
                return false;
            }
            slot = (slot + 1) & mask;
        }
        if (size == capacity) {
            forget(next);
            // the removal may have moved entries back into the probe sequence: find the first empty slot again
            slot = home(hi, lo);
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
        }
        else {
            size++;
        }
        high[next] = hi;
        low[next] = lo;
        slots[slot] = next + 1;
        next = next + 1 == capacity ? 0 : next + 1;
        return true;
    }

    /** Removes the id at this ring position from the table, shifting later entries of its probe run back. */
    private void forget(int position) {
        int slot = home(high[position], low[position]);
        while (slots[slot] != position + 1) {
            slot = (slot + 1) & mask;
        }
        int hole = slot;
        int probe = slot;
        while (true) {
            probe = (probe + 1) & mask;
            if (slots[probe] == 0) {
                slots[hole] = 0;
                return;
            }
            int moved = slots[probe] - 1;
            int wanted = home(high[moved], low[moved]);
            // an entry may move back into the hole only if its home is not cyclically within (hole, probe]
            boolean staysPut = hole <= probe ? hole < wanted && wanted <= probe : hole < wanted || wanted <= probe;
            if (!staysPut) {
                slots[hole] = slots[probe];
                hole = probe;
            }
        }
    }

    /** Fibonacci hashing of both halves: UUIDs of version 7 carry a timestamp in their high bits. */
    private int home(long hi, long lo) {
        return (int) (((hi ^ Long.rotateLeft(lo, 32)) * 0x9E3779B97F4A7C15L) >>> shift);
    }
}
