package io.signalbox.gateway.sse;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/** Reads one whole server-sent event, as {@link SseEventSplitter} cuts them. */
public final class SseEvents {

    private static final byte[] DATA = { 'd', 'a', 't', 'a', ':' };

    private SseEvents() {
    }

    /**
     * The event's data: the values of its {@code data:} lines joined by line feeds (as SSE defines them, each
     * without the one space that may follow the colon), with the whitespace around the whole trimmed; null when the
     * event has no data line (a comment or a keep-alive). Lines may end in CR LF. An event of one data line, the
     * usual case, costs one copy of that line and no string.
     */
    public static byte @Nullable [] data(byte[] event) {
        byte[] data = null;
        int lineStart = 0;
        while (lineStart < event.length) {
            int lineEnd = lineStart;
            while (lineEnd < event.length && event[lineEnd] != '\n') {
                lineEnd++;
            }
            int next = lineEnd + 1;
            if (lineEnd > lineStart && event[lineEnd - 1] == '\r') {
                lineEnd--;
            }
            if (lineEnd - lineStart >= DATA.length
                    && Arrays.equals(event, lineStart, lineStart + DATA.length, DATA, 0, DATA.length)) {
                int from = lineStart + DATA.length;
                if (from < lineEnd && event[from] == ' ') {
                    from++;
                }
                data = data == null ? Arrays.copyOfRange(event, from, lineEnd) : join(data, event, from, lineEnd);
            }
            lineStart = next;
        }
        return data == null ? null : trim(data);
    }

    private static byte[] join(byte[] data, byte[] event, int from, int to) {
        byte[] joined = Arrays.copyOf(data, data.length + 1 + to - from);
        joined[data.length] = '\n';
        System.arraycopy(event, from, joined, data.length + 1, to - from);
        return joined;
    }

    private static byte[] trim(byte[] data) {
        int from = 0;
        int to = data.length;
        while (from < to && isBlank(data[from])) {
            from++;
        }
        while (to > from && isBlank(data[to - 1])) {
            to--;
        }
        return from == 0 && to == data.length ? data : Arrays.copyOfRange(data, from, to);
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }
}
