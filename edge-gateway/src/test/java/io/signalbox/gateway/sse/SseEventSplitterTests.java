package io.signalbox.gateway.sse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class SseEventSplitterTests {

    static final String STREAM = "data: {\"a\":1}\n\ndata: {\"b\":2}\n\ndata: [DONE]\n\n";

    @ParameterizedTest(name = "network chunks of {0} bytes")
    @ValueSource(ints = { 1, 2, 3, 7, 16, 1000 })
    void yieldsWholeEventsHoweverTheBytesAreSplit(int chunkSize) {
        SseEventSplitter splitter = new SseEventSplitter();
        byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
        List<String> events = new ArrayList<>();
        for (int i = 0; i < bytes.length; i += chunkSize) {
            byte[] chunk = java.util.Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + chunkSize));
            splitter.feed(chunk).forEach(event -> events.add(new String(event, StandardCharsets.UTF_8)));
        }

        assertThat(events).containsExactly("data: {\"a\":1}\n\n", "data: {\"b\":2}\n\n", "data: [DONE]\n\n");
        assertThat(splitter.remainder()).isEmpty();
    }

    @Test
    void understandsCrLfLineEndings() {
        SseEventSplitter splitter = new SseEventSplitter();

        List<byte[]> events = splitter.feed("data: x\r\n\r\ndata: y\r\n\r\n".getBytes(StandardCharsets.UTF_8));

        assertThat(events).hasSize(2);
    }

    @ParameterizedTest(name = "split after byte {0}")
    @ValueSource(ints = { 1, 6, 7, 8, 9, 10, 11 })
    void findsACrLfBlankLineThatTheNetworkSplit(int cut) {
        SseEventSplitter splitter = new SseEventSplitter();
        byte[] bytes = "data: x\r\n\r\ndata: y\r\n\r\n".getBytes(StandardCharsets.UTF_8);
        List<String> events = new ArrayList<>();

        splitter.feed(java.util.Arrays.copyOfRange(bytes, 0, cut))
                .forEach(event -> events.add(new String(event, StandardCharsets.UTF_8)));
        splitter.feed(java.util.Arrays.copyOfRange(bytes, cut, bytes.length))
                .forEach(event -> events.add(new String(event, StandardCharsets.UTF_8)));

        assertThat(events).containsExactly("data: x\r\n\r\n", "data: y\r\n\r\n");
        assertThat(splitter.remainder()).isEmpty();
    }

    @Test
    void holdsAnEventLongerThanManyChunks() {
        SseEventSplitter splitter = new SseEventSplitter();
        String data = "data: " + "x".repeat(10_000) + "\n\n";
        byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
        List<byte[]> events = new ArrayList<>();

        for (int i = 0; i < bytes.length; i += 100) {
            events.addAll(splitter.feed(java.util.Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + 100))));
        }

        assertThat(events).hasSize(1);
        assertThat(new String(events.get(0), StandardCharsets.UTF_8)).isEqualTo(data);
    }

    @Test
    void keepsAnUnterminatedEventAsTheRemainder() {
        SseEventSplitter splitter = new SseEventSplitter();

        assertThat(splitter.feed("data: {\"a\":1}\n\ndata: {\"cut".getBytes(StandardCharsets.UTF_8))).hasSize(1);
        assertThat(new String(splitter.remainder(), StandardCharsets.UTF_8)).isEqualTo("data: {\"cut");
    }
}
