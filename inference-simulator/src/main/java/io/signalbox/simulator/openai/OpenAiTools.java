package io.signalbox.simulator.openai;

import java.util.ArrayList;
import java.util.List;

import io.signalbox.simulator.generation.Prompt;
import io.signalbox.simulator.generation.Tool;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import static io.signalbox.simulator.openai.OpenAiParams.invalidType;
import static io.signalbox.simulator.openai.OpenAiParams.missing;
import static io.signalbox.simulator.openai.OpenAiParams.requiredString;

/**
 * Which function, if any, the simulated model calls for a chat completion request: read from {@code tools} and
 * {@code tool_choice}, with OpenAI's refusals for malformed ones.
 *
 * <p>A model that is offered functions calls one, as a tool-using model reliably does when a test offers it
 * tools: the one {@code tool_choice} names, else the first. It answers with text when {@code tool_choice} is
 * {@code "none"}, and after a tool result (the conversation ends with a {@code tool} message), as a model
 * answering from that result does. Tools of other types ({@code custom}) are never called; an
 * {@code allowed_tools} choice is treated as {@code "auto"}.
 */
final class OpenAiTools {

    private OpenAiTools() {
    }

    /** The function the answer calls; {@code null} to answer with text. */
    static @Nullable Tool toCall(JsonNode body, Prompt prompt) {
        List<Tool> tools = functions(body.get("tools"));
        JsonNode choice = body.get("tool_choice");
        String forced = forcedName(choice);
        Tool called = tools.isEmpty() ? null : tools.getFirst();
        if (forced != null) {
            called = tools.stream().filter(tool -> tool.name().equals(forced)).findFirst()
                    .orElseThrow(() -> OpenAiException.invalidRequest("Invalid value for 'tool_choice': function '"
                            + forced + "' is not among the functions in 'tools'.", "tool_choice", "invalid_value"));
        }
        boolean none = choice != null && choice.isString() && choice.stringValue().equals("none");
        String lastRole = prompt.messages().getLast().role();
        boolean afterToolResult = lastRole.equals("tool") || lastRole.equals("function");
        return none || afterToolResult ? null : called;
    }

    private static List<Tool> functions(@Nullable JsonNode tools) {
        if (tools == null || tools.isNull()) {
            return List.of();
        }
        if (!tools.isArray()) {
            throw invalidType("tools", "an array", tools);
        }
        List<Tool> functions = new ArrayList<>(tools.size());
        for (int index = 0; index < tools.size(); index++) {
            String param = "tools[" + index + "]";
            JsonNode tool = tools.get(index);
            if (!tool.isObject()) {
                throw invalidType(param, "an object", tool);
            }
            if (!requiredString(tool, "type", param + ".type").equals("function")) {
                continue;
            }
            JsonNode function = tool.get("function");
            if (function == null || function.isNull()) {
                throw missing(param + ".function");
            }
            if (!function.isObject()) {
                throw invalidType(param + ".function", "an object", function);
            }
            String name = requiredString(function, "name", param + ".function.name");
            JsonNode parameters = function.get("parameters");
            if (parameters != null && !parameters.isNull() && !parameters.isObject()) {
                throw invalidType(param + ".function.parameters", "an object", parameters);
            }
            functions.add(new Tool(name, parameters == null || parameters.isNull()
                    ? JsonNodeFactory.instance.objectNode() : parameters));
        }
        return functions;
    }

    /** The function {@code {"type":"function","function":{"name":...}}} names; {@code null} for the modes. */
    private static @Nullable String forcedName(@Nullable JsonNode choice) {
        if (choice == null || choice.isNull()) {
            return null;
        }
        if (choice.isString()) {
            return switch (choice.stringValue()) {
                case "none", "auto", "required" -> null;
                default -> throw OpenAiException.invalidRequest("Invalid value: '" + choice.stringValue()
                        + "'. Supported values are: 'none', 'auto', and 'required'.", "tool_choice", "invalid_value");
            };
        }
        if (!choice.isObject()) {
            throw invalidType("tool_choice", "a string or an object", choice);
        }
        if (!requiredString(choice, "type", "tool_choice.type").equals("function")) {
            return null;
        }
        JsonNode function = choice.get("function");
        if (function == null || function.isNull()) {
            throw missing("tool_choice.function");
        }
        if (!function.isObject()) {
            throw invalidType("tool_choice.function", "an object", function);
        }
        return requiredString(function, "name", "tool_choice.function.name");
    }
}
