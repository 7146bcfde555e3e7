package io.signalbox.simulator.anthropic;

import java.util.ArrayList;
import java.util.List;

import io.signalbox.simulator.generation.Tool;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Which client tool, if any, the simulated model uses for a Messages API request: read from {@code tools} and
 * {@code tool_choice}, with Anthropic's {@code "<path>: <problem>"} refusals.
 *
 * <p>A model that is offered tools uses one: the one {@code {"type":"tool","name":...}} names, else the first
 * ({@code auto}, {@code any} or no choice). It answers with text for {@code {"type":"none"}}, and when the last
 * message hands back {@code tool_result} blocks, as a model answering from those results does. Server tools
 * (web search, code execution: a {@code type} other than {@code custom}) run on Anthropic's side and are never
 * used here.
 */
final class AnthropicTools {

    private AnthropicTools() {
    }

    /** The tool the answer uses; {@code null} to answer with text. */
    static @Nullable Tool toCall(JsonNode body) {
        List<Tool> tools = clientTools(body.get("tools"));
        JsonNode choice = body.get("tool_choice");
        String type = choiceType(choice);
        Tool called = tools.isEmpty() ? null : tools.getFirst();
        if (type.equals("tool")) {
            JsonNode name = choice.get("name");
            if (name == null || !name.isString()) {
                throw AnthropicException.invalidRequest("tool_choice.tool.name: Field required");
            }
            called = tools.stream().filter(tool -> tool.name().equals(name.stringValue())).findFirst()
                    .orElseThrow(() -> AnthropicException.invalidRequest("tool_choice.name: tool '"
                            + name.stringValue() + "' is not among the request's tools"));
        }
        return type.equals("none") || endsWithToolResults(body.get("messages")) ? null : called;
    }

    private static List<Tool> clientTools(@Nullable JsonNode tools) {
        if (tools == null || tools.isNull()) {
            return List.of();
        }
        if (!tools.isArray()) {
            throw AnthropicException.invalidRequest("tools: Input should be a valid list");
        }
        List<Tool> clientTools = new ArrayList<>(tools.size());
        for (int index = 0; index < tools.size(); index++) {
            String path = "tools." + index;
            JsonNode tool = tools.get(index);
            if (!tool.isObject()) {
                throw AnthropicException.invalidRequest(path + ": Input should be a valid dictionary");
            }
            JsonNode type = tool.get("type");
            if (type != null && !type.isNull() && !(type.isString() && type.stringValue().equals("custom"))) {
                continue;
            }
            JsonNode name = tool.get("name");
            if (name == null || !name.isString()) {
                throw AnthropicException.invalidRequest(path + ".name: Field required");
            }
            JsonNode schema = tool.get("input_schema");
            if (schema == null || schema.isNull()) {
                throw AnthropicException.invalidRequest(path + ".input_schema: Field required");
            }
            if (!schema.isObject()) {
                throw AnthropicException.invalidRequest(path + ".input_schema: Input should be a valid dictionary");
            }
            clientTools.add(new Tool(name.stringValue(), schema));
        }
        return clientTools;
    }

    /** {@code auto} when absent. */
    private static String choiceType(@Nullable JsonNode choice) {
        if (choice == null || choice.isNull()) {
            return "auto";
        }
        if (!choice.isObject()) {
            throw AnthropicException.invalidRequest("tool_choice: Input should be a valid dictionary");
        }
        JsonNode type = choice.get("type");
        String tag = type != null && type.isString() ? type.stringValue() : "";
        return switch (tag) {
            case "auto", "any", "tool", "none" -> tag;
            default -> throw AnthropicException.invalidRequest("tool_choice: Input tag '" + tag + "' found using "
                    + "'type' does not match any of the expected tags: 'auto', 'any', 'tool', 'none'");
        };
    }

    /** Whether the last message is the user's turn handing back {@code tool_result} blocks. */
    private static boolean endsWithToolResults(@Nullable JsonNode messages) {
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            return false;
        }
        JsonNode last = messages.get(messages.size() - 1);
        JsonNode content = last.path("content");
        if (!last.path("role").asString("").equals("user") || !content.isArray()) {
            return false;
        }
        for (JsonNode block : content) {
            if (block.path("type").asString("").equals("tool_result")) {
                return true;
            }
        }
        return false;
    }
}
