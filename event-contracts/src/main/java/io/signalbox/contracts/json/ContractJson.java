package io.signalbox.contracts.json;

import java.io.IOException;
import java.io.UncheckedIOException;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON codec for every contract record, so that producers and consumers in every service
 * agree on the wire form: ISO-8601 instants, money as exact decimals written in plain notation,
 * unknown fields ignored (a newer producer may add fields to a {@code .v1} record).
 */
public final class ContractJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private ContractJson() {
    }

    /** The shared mapper; services may use it for their own contract-shaped payloads. */
    public static JsonMapper mapper() {
        return MAPPER;
    }

    public static String toJson(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        }
        catch (JacksonException ex) {
            throw new IllegalArgumentException("Cannot write " + value.getClass().getSimpleName() + " as JSON", ex);
        }
    }

    /** UTF-8 JSON, written straight to bytes (no String in between). */
    public static byte[] toBytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        }
        catch (JacksonException ex) {
            throw new IllegalArgumentException("Cannot write " + value.getClass().getSimpleName() + " as JSON", ex);
        }
    }

    /**
     * Reads a contract record.
     *
     * @throws MalformedEventException when the payload is not valid JSON for the type; consumers
     *     treat that as a poison message, not as a transient failure
     */
    public static <T> T fromJson(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        }
        catch (JacksonException ex) {
            throw new MalformedEventException("Not a valid " + type.getSimpleName() + ": " + ex.getOriginalMessage(), ex);
        }
    }

    /** Reads a contract record from UTF-8 JSON bytes, without decoding them to a String first. */
    public static <T> T fromBytes(byte[] json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        }
        catch (JacksonException ex) {
            throw new MalformedEventException("Not a valid " + type.getSimpleName() + ": " + ex.getOriginalMessage(), ex);
        }
    }

    /** A payload that cannot be read as the expected contract record. */
    public static final class MalformedEventException extends UncheckedIOException {

        MalformedEventException(String message, JacksonException cause) {
            super(message, new IOException(cause));
        }
    }
}
