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

    /** The answer's text so far, kept only when its span captures content; null otherwise. */
    private final @Nullable StringBuilder text;

    private final int maxTextChars;

    StreamUsageTap(boolean clientWantsUsage) {
        this(clientWantsUsage, 0);
    }

    /** A tap that also keeps up to {@code maxTextChars} of the answer's text (0: none), for its span. */
    StreamUsageTap(boolean clientWantsUsage, int maxTextChars) {
        this.clientWantsUsage = clientWantsUsage;
        this.maxTextChars = maxTextChars;
        this.text = maxTextChars > 0 ? new StringBuilder() : null;
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
            keepText(choices.get(0));
            return true;
        }
        return reported == null || clientWantsUsage;
    }

    private void keepText(JsonNode choice) {
        if (text == null || text.length() > maxTextChars) {
            return;
        }
        JsonNode piece = choice.path("delta").path("content");
        if (piece.isMissingNode() || piece.isNull()) {
            piece = choice.path("text");
        }
        if (piece.isString()) {
            text.append(piece.asString(), 0, Math.min(piece.asString().length(), maxTextChars + 1 - text.length()));
        }
    }

    /** The answer's text seen so far (first choice), when this tap keeps it; null otherwise. */
    @Nullable String text() {
        return text == null ? null : text.toString();
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
