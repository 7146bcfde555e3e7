package io.signalbox.routing.complexity;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The part of a request a scorer looks at: the conversation's messages in order. Scorers judge the
 * last user message and use the rest as context (depth, system constraints).
 *
 * @param messages the conversation; may be empty (scores as trivially simple)
 */
public record Prompt(List<Message> messages) {

    public Prompt {
        messages = List.copyOf(messages);
    }

    /** A single user message, the shape of completions, embeddings and offline data sets. */
    public static Prompt ofUserText(String text) {
        return new Prompt(List.of(new Message(Message.USER, text)));
    }

    /** The content of the last user message, or of the last message when no role is {@code user}, or "". */
    public String lastUserText() {
        @Nullable Message last = null;
        for (int i = messages.size() - 1; i >= 0; i--) {
            Message message = messages.get(i);
            if (Message.USER.equals(message.role())) {
                return message.content();
            }
            if (last == null) {
                last = message;
            }
        }
        return last != null ? last.content() : "";
    }

    /** How many user turns the conversation has so far (a fresh question counts 1). */
    public int userTurns() {
        int turns = 0;
        for (Message message : messages) {
            if (Message.USER.equals(message.role())) {
                turns++;
            }
        }
        return turns;
    }

    /**
     * One chat message.
     *
     * @param role {@code system}, {@code user}, {@code assistant} or {@code tool}
     * @param content its text
     */
    public record Message(String role, String content) {

        public static final String USER = "user";

        public static final String SYSTEM = "system";

        public static final String ASSISTANT = "assistant";
    }
}
