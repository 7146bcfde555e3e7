package io.signalbox.simulator.generation;

import java.util.Objects;

import tools.jackson.databind.JsonNode;

/**
 * A tool a request offers the model, as both APIs describe a function.
 *
 * @param name the name the model calls it by
 * @param parameters the JSON schema of its arguments (OpenAI's {@code parameters}, Anthropic's
 *     {@code input_schema}); an empty object when the request gave none
 */
public record Tool(String name, JsonNode parameters) {

    public Tool {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(parameters, "parameters");
    }
}
