package io.signalbox.telemetry.window;

/**
 * The rolling statistics of one key of one dimension (an endpoint, a tenant, ...): 10-second slots for the
 * 1- and 5-minute windows and 5-minute slots for the 1-hour window, each observation recorded in both. Listener
 * threads write while HTTP and scheduler threads read; every method holds this object's lock, and a read merges
 * at most 30 slots, so the lock is held for well under a millisecond.
 *
 * <p>Memory: 42 slots, each a few counters plus up to two packed histograms (0.4-2 KB each when used), so a
 * series holds about 10 KB when lightly used and at most about 160 KB when every slot sees widely spread
 * latencies. {@link #footprintBytes()} estimates it.
 */
public final class WindowSeries {

    static final long FINE_SLOT_MILLIS = 10_000;

    static final int FINE_SLOTS = 30;

    static final long COARSE_SLOT_MILLIS = 300_000;

    static final int COARSE_SLOTS = 12;

    /** Observations older than this are in no window. */
    static final long RETAINED_MILLIS = COARSE_SLOT_MILLIS * COARSE_SLOTS;

    private final String key;

    private final SlotRing fine = new SlotRing(FINE_SLOT_MILLIS, FINE_SLOTS);

    private final SlotRing coarse = new SlotRing(COARSE_SLOT_MILLIS, COARSE_SLOTS);

    private SeriesLabels labels = SeriesLabels.NONE;

    private long lastObservedMillis = Long.MIN_VALUE;

    private boolean retired;

    WindowSeries(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /**
     * Counts an observation, placed by its own time (never later than {@code nowMillis}).
     *
     * @return false when the series has been retired meanwhile: the caller records into its successor
     */
    synchronized boolean record(Observation observation, SeriesLabels seen, long nowMillis) {
        if (retired) {
            return false;
        }
        labels = labels.updatedWith(seen);
        long at = Math.min(observation.atMillis(), nowMillis);
        Slot slot = fine.forRecording(fine.number(at), fine.number(nowMillis));
        if (slot != null) {
            slot.record(observation);
        }
        slot = coarse.forRecording(coarse.number(at), coarse.number(nowMillis));
        if (slot != null) {
            slot.record(observation);
        }
        lastObservedMillis = Math.max(lastObservedMillis, at);
        return true;
    }

    /**
     * The window ending now: the slot now filling and the slots before it, merged.
     *
     * @param notBeforeMillis nothing before this instant was observed (this instance was not consuming yet), so
     *     the window's coverage starts there at the earliest
     */
    public synchronized WindowStats stats(Window window, long nowMillis, long notBeforeMillis) {
        SlotRing ring = window.slotMillis() == FINE_SLOT_MILLIS ? fine : coarse;
        long last = ring.number(nowMillis);
        long first = last - window.slots() + 1;
        WindowAccumulator merged = new WindowAccumulator();
        ring.mergeInto(first, last, merged);
        long from = Math.min(nowMillis, Math.max(first * ring.widthMillis(), notBeforeMillis));
        return merged.stats(window, from, nowMillis);
    }

    public synchronized SeriesLabels labels() {
        return labels;
    }

    /** When the newest observation happened; {@link Long#MIN_VALUE} before the first. */
    public synchronized long lastObservedMillis() {
        return lastObservedMillis;
    }

    /** Retires the series when nothing was observed since {@code cutoffMillis}; a retired series takes no more. */
    synchronized boolean retireIfIdleSince(long cutoffMillis) {
        if (lastObservedMillis < cutoffMillis) {
            retired = true;
        }
        return retired;
    }

    public synchronized long footprintBytes() {
        return 96 + fine.footprintBytes() + coarse.footprintBytes();
    }
}
