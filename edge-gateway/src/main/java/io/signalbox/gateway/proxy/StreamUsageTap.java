package io.signalbox.gateway.proxy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.signalbox.contracts.usage.TokenUsage;
import io.signalbox.gateway.sse.SseEvents;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Watches the events of one OpenAI-style chat stream as they pass: picks up the final usage chunk,
 * notices {@code [DONE]} (a stream without it was cut short) and an in-band error, and hides the usage
 * chunk from clients that did not ask for it (the gateway always asks the upstream for it).
 */
final class StreamUsageTap {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final byte[] DONE = "[DONE]".getBytes(StandardCharsets.US_ASCII);

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
        byte[] payload = SseEvents.data(event);
        if (payload == null) {
            return true;
        }
        if (Arrays.equals(payload, DONE)) {
            done = true;
            return true;
        }
        Chunk chunk;
        try {
            chunk = read(payload);
        }
        catch (JacksonException ex) {
            return true;
        }
        if (chunk == null) {
            return true;
        }
        if (chunk.error()) {
            upstreamError = true;
            return true;
        }
        if (chunk.usage() != null) {
            usage = chunk.usage();
        }
        if (chunk.hasChoices()) {
            contentChunks++;
            if (chunk.firstChoice() != null) {
                keepText(chunk.firstChoice());
            }
            return true;
        }
        return chunk.usage() == null || clientWantsUsage;
    }

    /** What one data payload says, read as a whole before any of it is believed. */
    private record Chunk(boolean error, @Nullable TokenUsage usage, boolean hasChoices, @Nullable JsonNode firstChoice) {
    }

    /**
     * Reads the top level of one chunk with the streaming parser: the {@code usage} object is the only part read
     * into a tree (the first choice too, when the text is kept); the content deltas are skipped over, not copied.
     * Null when the payload is JSON but not an object.
     */
    private @Nullable Chunk read(byte[] payload) {
        boolean error = false;
        TokenUsage reported = null;
        boolean hasChoices = false;
        JsonNode firstChoice = null;
        try (JsonParser parser = JSON.createParser(payload)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                parser.skipChildren();
                requireEnd(parser);
                return null;
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "error" -> {
                        error = true;
                        parser.skipChildren();
                    }
                    case "usage" -> {
                        reported = null;
                        if (value == JsonToken.START_OBJECT) {
                            reported = UsageParser.fromUsageNode(parser.readValueAsTree());
                        }
                        else {
                            parser.skipChildren();
                        }
                    }
                    case "choices" -> {
                        hasChoices = false;
                        firstChoice = null;
                        if (value == JsonToken.START_ARRAY) {
                            JsonToken element = parser.nextToken();
                            hasChoices = element != JsonToken.END_ARRAY;
                            if (hasChoices) {
                                if (text != null) {
                                    firstChoice = parser.readValueAsTree();
                                }
                                else {
                                    parser.skipChildren();
                                }
                                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY;
                                        next = parser.nextToken()) {
                                    if (next == null) {
                                        throw new StreamReadException(parser, "A stream chunk ends inside its choices");
                                    }
                                    parser.skipChildren();
                                }
                            }
                        }
                        else {
                            parser.skipChildren();
                        }
                    }
                    default -> parser.skipChildren();
                }
            }
            requireEnd(parser);
        }
        return new Chunk(error, reported, hasChoices, firstChoice);
    }

    /** A payload with anything after its value is not JSON, as it was not to the tree reader before. */
    private static void requireEnd(JsonParser parser) {
        if (parser.nextToken() != null) {
            throw new StreamReadException(parser, "Trailing content after a stream chunk");
        }
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
