package io.signalbox.gateway.proxy;

import java.nio.charset.StandardCharsets;

import io.signalbox.contracts.usage.TokenUsage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StreamUsageTapTests {

    static final String CONTENT = "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}\n\n";

    static final String USAGE = "data: {\"id\":\"c1\",\"choices\":[],\"usage\":{\"prompt_tokens\":12,"
            + "\"completion_tokens\":5,\"total_tokens\":17,\"prompt_tokens_details\":{\"cached_tokens\":4}}}\n\n";

    static final String DONE = "data: [DONE]\n\n";

    @Test
    void readsTheFinalUsageChunkAndHidesItFromClientsThatDidNotAskForIt() {
        StreamUsageTap tap = new StreamUsageTap(false);

        assertThat(tap.inspect(bytes(CONTENT))).isTrue();
        assertThat(tap.inspect(bytes(USAGE))).as("usage chunk hidden").isFalse();
        assertThat(tap.inspect(bytes(DONE))).isTrue();

        assertThat(tap.usage()).isEqualTo(new TokenUsage(12, 5, 4, null, false));
        assertThat(tap.completed()).isTrue();
        assertThat(tap.contentChunks()).isEqualTo(1);
    }

    @Test
    void passesTheUsageChunkToClientsThatAskedForIt() {
        StreamUsageTap tap = new StreamUsageTap(true);

        assertThat(tap.inspect(bytes(USAGE))).isTrue();
    }

    @Test
    void aStreamWithoutDoneIsNotComplete() {
        StreamUsageTap tap = new StreamUsageTap(false);
        tap.inspect(bytes(CONTENT));

        assertThat(tap.completed()).isFalse();
        assertThat(tap.usage()).isNull();
    }

    @Test
    void anInBandErrorMarksTheStreamFailedEvenIfDoneFollows() {
        StreamUsageTap tap = new StreamUsageTap(false);

        assertThat(tap.inspect(bytes("data: {\"error\":{\"message\":\"overloaded\"}}\n\n"))).isTrue();
        tap.inspect(bytes(DONE));

        assertThat(tap.upstreamError()).isTrue();
        assertThat(tap.completed()).isFalse();
    }

    @Test
    void commentsAndUnparseableDataAreForwardedUntouched() {
        StreamUsageTap tap = new StreamUsageTap(false);

        assertThat(tap.inspect(bytes(": keep-alive\n\n"))).isTrue();
        assertThat(tap.inspect(bytes("data: not json\n\n"))).isTrue();
    }

    @Test
    void keepsTheAnswersTextOnlyWhenAskedAndNoMoreThanItsLimit() {
        StreamUsageTap keeping = new StreamUsageTap(false, 5);
        StreamUsageTap notKeeping = new StreamUsageTap(false);
        String more = "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\" there, you\"}}]}\n\n";

        for (StreamUsageTap tap : new StreamUsageTap[] {keeping, notKeeping}) {
            tap.inspect(bytes(CONTENT));
            tap.inspect(bytes(more));
            tap.inspect(bytes(DONE));
        }

        assertThat(keeping.text()).as("\"Hi there, you\" cut after its limit").isEqualTo("Hi the");
        assertThat(notKeeping.text()).isNull();
    }

    @Test
    void readsAnEventOfSeveralDataLinesWithCrLfEndings() {
        StreamUsageTap tap = new StreamUsageTap(false);

        assertThat(tap.inspect(bytes("event: chunk\r\ndata: {\"choices\":[],\r\n"
                + "data:\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1}}\r\n\r\n"))).isFalse();
        assertThat(tap.inspect(bytes("data:[DONE]\r\n\r\n"))).isTrue();

        assertThat(tap.usage()).isEqualTo(new TokenUsage(3, 1, null, null, false));
        assertThat(tap.completed()).isTrue();
    }

    @Test
    void usageThatComesWithTheLastContentIsReadAndTheContentPassed() {
        StreamUsageTap tap = new StreamUsageTap(false, 100);

        assertThat(tap.inspect(bytes("data: {\"choices\":[{\"delta\":{\"content\":\"Bye\"}},{\"delta\":{}}],"
                + "\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":2}}\n\n"))).isTrue();

        assertThat(tap.usage()).isEqualTo(new TokenUsage(7, 2, null, null, false));
        assertThat(tap.contentChunks()).isEqualTo(1);
        assertThat(tap.text()).isEqualTo("Bye");
    }

    @Test
    void aChunkCutOffAfterItsUsageRecordsNothingAndIsForwarded() {
        StreamUsageTap tap = new StreamUsageTap(false);

        assertThat(tap.inspect(bytes("data: {\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1},\"choices\":[\n\n")))
                .isTrue();
        assertThat(tap.inspect(bytes("data: {\"error\":{\"message\":\"x\"}} trailing\n\n"))).isTrue();

        assertThat(tap.usage()).isNull();
        assertThat(tap.upstreamError()).as("not JSON, so not an error report").isFalse();
        assertThat(tap.contentChunks()).isZero();
    }

    @Test
    void dataThatIsNotAnObjectIsForwardedAndIgnored() {
        StreamUsageTap tap = new StreamUsageTap(false);

        assertThat(tap.inspect(bytes("data: [1,2]\n\n"))).isTrue();
        assertThat(tap.inspect(bytes("data: null\n\n"))).isTrue();
        assertThat(tap.inspect(bytes("data:\n\n"))).isTrue();

        assertThat(tap.usage()).isNull();
        assertThat(tap.completed()).isFalse();
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
