package io.signalbox.simulator.generation;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The chat prompt reduced to what counting and generation need: each message's role, optional participant
 * name and its text. Multi-part contents arrive here already joined, so a string content and an array of
 * text parts with the same text are the same prompt.
 *
 * @param messages the conversation in order, never empty
 */
public record Prompt(List<Message> messages) {

    public Prompt {
        messages = List.copyOf(messages);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a prompt needs at least one message");
        }
    }

    public static Prompt of(Message... messages) {
        return new Prompt(List.of(messages));
    }

    public static Prompt user(String text) {
        return of(new Message("user", null, text));
    }

    /**
     * One chat message.
     *
     * @param role {@code system}, {@code developer}, {@code user}, {@code assistant} or {@code tool}; not checked
     * @param name the optional participant name, which OpenAI bills as extra tokens
     * @param text the text content; empty for an assistant turn that only called tools
     */
    public record Message(String role, @Nullable String name, String text) {

        public Message {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(text, "text");
        }
    }
}
