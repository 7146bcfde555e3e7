package io.signalbox.simulator.generation;

import java.util.Objects;

/**
 * A call of one of the request's tools, as the model emits it instead of text.
 *
 * @param id the call's id, in the API's own form ({@code call_...}, {@code toolu_...}); a tool result refers to it
 * @param name the called tool
 * @param arguments the arguments as the text of a JSON object, as OpenAI sends them
 */
public record ToolCall(String id, String name, String arguments) {

    public ToolCall {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        if (arguments.isBlank()) {
            throw new IllegalArgumentException("arguments must be a JSON object, were blank");
        }
    }
}
