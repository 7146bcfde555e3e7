package io.signalbox.routing.complexity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A trained head as stored: the head plus what it was trained for, so that a route (or the offline
 * {@code score} command) can check it matches the embedding model in use and knows its calibrated
 * threshold.
 *
 * @param format always {@value #FORMAT}; lets later versions change the layout safely
 * @param embeddingModel the embedding model the head expects, e.g. {@value #MINILM}
 * @param strongModel the model the score argues for (score 1)
 * @param weakModel the model the score argues against (score 0)
 * @param trainingExamples how many prompts trained it
 * @param threshold the calibrated score threshold (strong at or above), or null if not calibrated
 * @param calibratedStrongShare the strong-call share the threshold was calibrated to, or null
 * @param head the model itself
 */
public record HeadFile(String format, String embeddingModel, String strongModel, String weakModel,
        int trainingExamples, @Nullable Double threshold, @Nullable Double calibratedStrongShare,
        ComplexityHead head) {

    public static final String FORMAT = "signalbox.complexity-head/v1";

    public static final String MINILM = "all-MiniLM-L6-v2-q";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public HeadFile {
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException("Unknown head format '" + format + "', expected " + FORMAT);
        }
    }

    /** The JSON form (one object). */
    public String toJson() {
        return JSON.writeValueAsString(this);
    }

    /** Reads the JSON form; rejects other formats with a message that says what was expected. */
    public static HeadFile fromJson(String json) {
        try {
            return JSON.readValue(json, HeadFile.class);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("Not a complexity head (" + FORMAT + "): " + e.getOriginalMessage(), e);
        }
    }

    public static HeadFile read(Path path) {
        try {
            return fromJson(Files.readString(path));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read head file " + path, e);
        }
    }
}
