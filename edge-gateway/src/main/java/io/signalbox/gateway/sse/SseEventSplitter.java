package io.signalbox.gateway.sse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts a byte stream of server-sent events into whole events (each ending in its blank line), however
 * the network split the bytes. Holds at most one incomplete event, so a stream is never buffered.
 * One instance per stream; not thread-safe (a stream's chunks arrive in order on one subscriber).
 * <p>
 * Each chunk is scanned once: an event that lies wholly inside one chunk, the usual case, is copied out of it
 * once, and only the bytes of an event the network split are held back.
 */
public final class SseEventSplitter {

    /** The start of an event that the bytes so far have not finished. */
    private byte[] pending = new byte[0];

    private int pendingLength;

    /** Feeds bytes and answers the events they complete, in order. */
    public List<byte[]> feed(byte[] bytes) {
        List<byte[]> events = List.of();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n' && endsEvent(bytes, start, i)) {
                byte[] event = take(bytes, start, i + 1);
                if (events.isEmpty()) {
                    events = List.of(event);
                }
                else {
                    if (events.size() == 1) {
                        events = new ArrayList<>(events);
                    }
                    events.add(event);
                }
                start = i + 1;
            }
        }
        hold(bytes, start);
        return events;
    }

    /** Whatever is left when the stream ends: an event the upstream did not terminate, or nothing. */
    public byte[] remainder() {
        byte[] rest = Arrays.copyOf(pending, pendingLength);
        pendingLength = 0;
        return rest;
    }

    /** Whether the line feed at {@code bytes[at]} ends a blank line: "\n\n" or "\n\r\n" with what is held. */
    private boolean endsEvent(byte[] bytes, int start, int at) {
        int length = pendingLength + (at - start) + 1;
        return (length >= 2 && byteAt(bytes, start, length - 2) == '\n')
                || (length >= 3 && byteAt(bytes, start, length - 2) == '\r'
                        && byteAt(bytes, start, length - 3) == '\n');
    }

    /** The byte at {@code index} of the event being read: the held bytes, then {@code bytes} from start. */
    private byte byteAt(byte[] bytes, int start, int index) {
        return index < pendingLength ? pending[index] : bytes[start + index - pendingLength];
    }

    private byte[] take(byte[] bytes, int start, int end) {
        if (pendingLength == 0) {
            return Arrays.copyOfRange(bytes, start, end);
        }
        byte[] event = Arrays.copyOf(pending, pendingLength + end - start);
        System.arraycopy(bytes, start, event, pendingLength, end - start);
        pendingLength = 0;
        return event;
    }

    private void hold(byte[] bytes, int start) {
        int more = bytes.length - start;
        if (more == 0) {
            return;
        }
        if (pendingLength + more > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pendingLength + more, 2 * pending.length));
        }
        System.arraycopy(bytes, start, pending, pendingLength, more);
        pendingLength += more;
    }
}
