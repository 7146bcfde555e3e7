package io.signalbox.gateway.proxy;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a byte stream of server-sent events into whole events (each ending in its blank line), however
 * the network split the bytes. Holds at most one incomplete event, so a stream is never buffered.
 * One instance per stream; not thread-safe (a stream's chunks arrive in order on one subscriber).
 */
final class SseEventSplitter {

    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    /** Feeds bytes and answers the events they complete, in order. */
    List<byte[]> feed(byte[] bytes) {
        List<byte[]> events = new ArrayList<>();
        for (byte b : bytes) {
            pending.write(b);
            if (b == '\n' && endsWithBlankLine()) {
                events.add(pending.toByteArray());
                pending.reset();
            }
        }
        return events;
    }

    /** Whatever is left when the stream ends: an event the upstream did not terminate, or nothing. */
    byte[] remainder() {
        byte[] rest = pending.toByteArray();
        pending.reset();
        return rest;
    }

    private boolean endsWithBlankLine() {
        byte[] buf = pending.toByteArray();
        int n = buf.length;
        return (n >= 2 && buf[n - 2] == '\n') || (n >= 3 && buf[n - 2] == '\r' && buf[n - 3] == '\n');
    }
}
