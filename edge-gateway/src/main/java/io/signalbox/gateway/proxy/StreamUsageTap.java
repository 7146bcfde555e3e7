package io.signalbox.gateway.proxy;

import java.nio.charset.StandardCharsets;

import io.signalbox.contracts.usage.TokenUsage;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Watches the events of one OpenAI-style chat stream as they pass: picks up the final usage chunk,
 * notices {@code [DONE]} (a stream without it was cut short) and an in-band error, and hides the usage
 * chunk from clients that did not ask for it (the gateway always asks the upstream for it).
 */
final class StreamUsageTap {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final boolean clientWantsUsage;

    private @Nullable TokenUsage usage;

    private boolean done;

    private boolean upstreamError;

    private int contentChunks;

    StreamUsageTap(boolean clientWantsUsage) {
        this.clientWantsUsage = clientWantsUsage;
    }

    /** Inspects one whole event and answers whether to pass it on to the client. */
    boolean inspect(byte[] event) {
        String text = new String(event, StandardCharsets.UTF_8);
        StringBuilder data = new StringBuilder();
        for (String line : text.split("\r?\n")) {
            if (line.startsWith("data:")) {
                if (!data.isEmpty()) {
                    data.append('\n');
                }
                data.append(line.substring(5).stripLeading());
            }
        }
        if (data.isEmpty()) {
            return true;
        }
        String payload = data.toString();
        if ("[DONE]".equals(payload)) {
            done = true;
            return true;
        }
        JsonNode chunk;
        try {
            chunk = JSON.readTree(payload);
        }
        catch (JacksonException ex) {
            return true;
        }
        if (chunk.has("error")) {
            upstreamError = true;
            return true;
        }
        TokenUsage reported = UsageParser.fromUsageNode(chunk.path("usage"));
        if (reported != null) {
            usage = reported;
        }
        JsonNode choices = chunk.path("choices");
        if (choices.isArray() && !choices.isEmpty()) {
            contentChunks++;
            return true;
        }
        return reported == null || clientWantsUsage;
    }

    @Nullable TokenUsage usage() {
        return usage;
    }

    boolean completed() {
        return done && !upstreamError;
    }

    boolean upstreamError() {
        return upstreamError;
    }

    int contentChunks() {
        return contentChunks;
    }
}
