package io.signalbox.telemetry.window;

import org.jspecify.annotations.Nullable;

/**
 * Fixed-width time slots in a circular array, addressed by absolute slot number ({@code epochMillis / width}).
 * Nothing rotates in the background: a slot is reused when a newer slot number maps to its position, and a
 * reader only takes slots whose number lies in the range it asks for, so slots that were not written for a
 * while simply stop counting (expiry). Not thread-safe: its {@link WindowSeries} holds the lock.
 */
final class SlotRing {

    private final long widthMillis;

    private final @Nullable Slot[] slots;

    SlotRing(long widthMillis, int count) {
        this.widthMillis = widthMillis;
        this.slots = new Slot[count];
    }

    long number(long epochMillis) {
        return Math.floorDiv(epochMillis, widthMillis);
    }

    long widthMillis() {
        return widthMillis;
    }

    /**
     * The slot to record an observation of slot number {@code number} in, when {@code newest} is the slot now
     * filling; null when the observation is older than this ring keeps.
     */
    @Nullable Slot forRecording(long number, long newest) {
        if (number <= newest - slots.length) {
            return null;
        }
        int position = (int) Math.floorMod(number, (long) slots.length);
        Slot slot = slots[position];
        if (slot == null) {
            slot = new Slot(number);
            slots[position] = slot;
            return slot;
        }
        if (slot.number == number) {
            return slot;
        }
        if (slot.number < number) {
            slot.reuse(number);
            return slot;
        }
        return null;
    }

    /** Adds the slots numbered {@code first..last} that hold data to {@code merged}. */
    void mergeInto(long first, long last, WindowAccumulator merged) {
        for (long number = Math.max(first, last - slots.length + 1); number <= last; number++) {
            Slot slot = slots[(int) Math.floorMod(number, (long) slots.length)];
            if (slot != null && slot.number == number && slot.requests > 0) {
                merged.add(slot);
            }
        }
    }

    long footprintBytes() {
        long bytes = 16L + 8L * slots.length;
        for (Slot slot : slots) {
            if (slot != null) {
                bytes += slot.footprintBytes();
            }
        }
        return bytes;
    }
}
