package io.signalbox.kit.problem;

/**
 * One rule a request broke, named by the JSON path of the offending field (for example
 * {@code policy.targets[1].weight}) so that an admin UI can show it next to the input.
 */
public record FieldViolation(String field, String message) {
}
