package io.signalbox.simulator.endpoint;

import java.util.ArrayDeque;
import java.util.List;

/** The most recent requests of one endpoint, oldest first; older entries fall out once it is full. */
public final class RequestLog {

    private final int capacity;

    private final ArrayDeque<RecordedRequest> entries;

    public RequestLog(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative, was " + capacity);
        }
        this.capacity = capacity;
        this.entries = new ArrayDeque<>(capacity);
    }

    public synchronized void record(RecordedRequest request) {
        if (capacity == 0) {
            return;
        }
        if (entries.size() == capacity) {
            entries.removeFirst();
        }
        entries.addLast(request);
    }

    /** A copy of the kept requests, oldest first. */
    public synchronized List<RecordedRequest> snapshot() {
        return List.copyOf(entries);
    }
}
