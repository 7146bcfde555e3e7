package io.signalbox.simulator.generation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The arguments a simulated model passes to a tool: the smallest value its JSON schema accepts, built the same
 * way every time, so a test can predict them and a client's schema validation passes.
 *
 * <p>Objects carry their {@code required} properties (all properties when {@code required} is absent);
 * {@code const} and the first {@code enum} value win over the type; {@code anyOf} and {@code oneOf} take their
 * first alternative, {@code allOf} merges its parts' objects, and local {@code $ref}s are followed. Strings are
 * words of the prompt's last user message, taken from its end backwards (a request's subject tends to come last:
 * "weather in Paris") and reused when there are more strings than words, {@value #FALLBACK_WORD} when it has
 * none; known {@code format}s get a fixed valid value. Numbers are 1 moved into their bounds, booleans
 * {@code true}, arrays one item when the schema describes their items, else none.
 */
public final class ToolArguments {

    static final String FALLBACK_WORD = "example";

    /** Deeper than this, objects and arrays stay empty, so a recursive schema cannot recurse for ever. */
    private static final int MAX_DEPTH = 8;

    private static final int MIN_WORD_LENGTH = 3;

    private static final int MAX_WORD_LENGTH = 16;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final JsonNode root;

    private final List<String> words;

    private int nextWord;

    private ToolArguments(JsonNode root, List<String> words) {
        this.root = root;
        this.words = words;
    }

    /** The arguments of a call of {@code tool}, with strings drawn from the last user message of the prompt. */
    public static ObjectNode forTool(Tool tool, Prompt prompt) {
        return forSchema(tool.parameters(), lastUserText(prompt));
    }

    /**
     * The arguments {@code schema} accepts, with strings drawn from {@code text}; always an object, as both APIs
     * require, so a schema that does not describe one gets {@code {}}.
     */
    public static ObjectNode forSchema(JsonNode schema, String text) {
        JsonNode value = new ToolArguments(schema, words(text)).value(schema, 0);
        return value instanceof ObjectNode object ? object : NODES.objectNode();
    }

    private JsonNode value(JsonNode schema, int depth) {
        if (!schema.isObject()) {
            return NODES.stringNode(word());
        }
        JsonNode referenced = referenced(schema);
        if (referenced != null && depth < MAX_DEPTH) {
            return value(referenced, depth + 1);
        }
        if (schema.has("const")) {
            return schema.get("const").deepCopy();
        }
        JsonNode values = schema.get("enum");
        if (values != null && values.isArray() && !values.isEmpty()) {
            return values.get(0).deepCopy();
        }
        for (String alternatives : List.of("anyOf", "oneOf")) {
            JsonNode choices = schema.get(alternatives);
            if (choices != null && choices.isArray() && !choices.isEmpty() && depth < MAX_DEPTH) {
                return value(choices.get(0), depth + 1);
            }
        }
        JsonNode parts = schema.get("allOf");
        if (parts != null && parts.isArray() && !parts.isEmpty() && depth < MAX_DEPTH) {
            return allOf(parts, depth);
        }
        return switch (type(schema)) {
            case "object" -> object(schema, depth);
            case "array" -> array(schema, depth);
            case "integer" -> number(schema, true);
            case "number" -> number(schema, false);
            case "boolean" -> NODES.booleanNode(true);
            case "null" -> NODES.nullNode();
            default -> string(schema);
        };
    }

    /** The parts' objects merged (the usual use: one schema extending another), else the first part's value. */
    private JsonNode allOf(JsonNode parts, int depth) {
        ObjectNode merged = NODES.objectNode();
        for (JsonNode part : parts) {
            if (!(value(part, depth + 1) instanceof ObjectNode object)) {
                return value(parts.get(0), depth + 1);
            }
            merged.setAll(object);
        }
        return merged;
    }

    /** A {@code $ref} into the schema itself ({@code #/$defs/...}); others cannot be resolved offline. */
    private @Nullable JsonNode referenced(JsonNode schema) {
        JsonNode ref = schema.get("$ref");
        if (ref == null || !ref.isString() || !ref.stringValue().startsWith("#")) {
            return null;
        }
        try {
            JsonNode target = root.at(ref.stringValue().substring(1));
            return target.isMissingNode() ? null : target;
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
    }

    /** The declared type, the first non-null one of a type list, else the one the keywords imply. */
    private static String type(JsonNode schema) {
        JsonNode type = schema.get("type");
        if (type != null && type.isString()) {
            return type.stringValue();
        }
        if (type != null && type.isArray()) {
            for (JsonNode option : type) {
                if (option.isString() && !option.stringValue().equals("null")) {
                    return option.stringValue();
                }
            }
        }
        if (schema.has("properties")) {
            return "object";
        }
        return schema.has("items") ? "array" : "string";
    }

    private JsonNode object(JsonNode schema, int depth) {
        ObjectNode object = NODES.objectNode();
        if (depth >= MAX_DEPTH) {
            return object;
        }
        JsonNode properties = schema.path("properties");
        JsonNode required = schema.get("required");
        List<String> names = new ArrayList<>();
        if (required != null && required.isArray()) {
            required.forEach(name -> {
                if (name.isString()) {
                    names.add(name.stringValue());
                }
            });
        }
        else if (properties.isObject()) {
            names.addAll(properties.propertyNames());
        }
        for (String name : names) {
            JsonNode property = properties.get(name);
            object.set(name, value(property == null ? NODES.objectNode() : property, depth + 1));
        }
        return object;
    }

    private JsonNode array(JsonNode schema, int depth) {
        ArrayNode array = NODES.arrayNode();
        JsonNode items = schema.get("items");
        int minItems = schema.path("minItems").asInt(0);
        int maxItems = schema.path("maxItems").asInt(Integer.MAX_VALUE);
        if (depth >= MAX_DEPTH || maxItems == 0 || (items == null && minItems == 0)) {
            return array;
        }
        JsonNode itemSchema = items == null || !items.isObject() ? NODES.objectNode() : items;
        for (int index = 0; index < Math.max(1, minItems); index++) {
            array.add(value(itemSchema, depth + 1));
        }
        return array;
    }

    private static JsonNode number(JsonNode schema, boolean integer) {
        double value = 1;
        JsonNode minimum = schema.get("minimum");
        JsonNode exclusiveMinimum = schema.get("exclusiveMinimum");
        JsonNode maximum = schema.get("maximum");
        JsonNode exclusiveMaximum = schema.get("exclusiveMaximum");
        if (minimum != null && minimum.isNumber() && value < minimum.doubleValue()) {
            value = integer ? Math.ceil(minimum.doubleValue()) : minimum.doubleValue();
        }
        if (exclusiveMinimum != null && exclusiveMinimum.isNumber() && value <= exclusiveMinimum.doubleValue()) {
            value = Math.floor(exclusiveMinimum.doubleValue()) + 1;
        }
        if (maximum != null && maximum.isNumber() && value > maximum.doubleValue()) {
            value = integer ? Math.floor(maximum.doubleValue()) : maximum.doubleValue();
        }
        if (exclusiveMaximum != null && exclusiveMaximum.isNumber() && value >= exclusiveMaximum.doubleValue()) {
            value = Math.ceil(exclusiveMaximum.doubleValue()) - 1;
        }
        if (value == Math.rint(value) && Math.abs(value) <= Integer.MAX_VALUE) {
            return NODES.numberNode((int) value);
        }
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? NODES.numberNode((long) value)
                : NODES.numberNode(value);
    }

    private JsonNode string(JsonNode schema) {
        String formatted = switch (schema.path("format").asString("")) {
            case "date" -> "2025-01-01";
            case "date-time" -> "2025-01-01T00:00:00Z";
            case "time" -> "00:00:00Z";
            case "email" -> "user@example.com";
            case "uri", "url" -> "https://example.com";
            case "uuid" -> "00000000-0000-4000-8000-000000000000";
            default -> null;
        };
        if (formatted != null) {
            return NODES.stringNode(formatted);
        }
        StringBuilder text = new StringBuilder(word());
        int minLength = schema.path("minLength").asInt(0);
        while (text.codePointCount(0, text.length()) < minLength) {
            text.append('x');
        }
        int maxLength = schema.path("maxLength").asInt(Integer.MAX_VALUE);
        if (text.codePointCount(0, text.length()) > maxLength) {
            return NODES.stringNode(text.substring(0, text.offsetByCodePoints(0, maxLength)));
        }
        return NODES.stringNode(text.toString());
    }

    private String word() {
        String word = words.get(nextWord % words.size());
        nextWord++;
        return word;
    }

    /** Distinct words of three to sixteen letters or digits, last first; {@value #FALLBACK_WORD} for none. */
    static List<String> words(String text) {
        String[] parts = text.split("[^\\p{L}\\p{N}]+");
        Set<String> words = new LinkedHashSet<>();
        for (int index = parts.length - 1; index >= 0; index--) {
            int length = parts[index].codePointCount(0, parts[index].length());
            if (length >= MIN_WORD_LENGTH && length <= MAX_WORD_LENGTH) {
                words.add(parts[index]);
            }
        }
        return words.isEmpty() ? List.of(FALLBACK_WORD) : List.copyOf(words);
    }

    private static String lastUserText(Prompt prompt) {
        List<Prompt.Message> messages = prompt.messages();
        for (int index = messages.size() - 1; index >= 0; index--) {
            if (messages.get(index).role().equals("user")) {
                return messages.get(index).text();
            }
        }
        return messages.getLast().text();
    }
}
