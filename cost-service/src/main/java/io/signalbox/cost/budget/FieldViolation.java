package io.signalbox.cost.budget;

/**
 * One broken rule of a budget request.
 *
 * @param field the JSON path of the field, e.g. {@code scopeId} or {@code alertThresholds[1]}
 */
public record FieldViolation(String field, String message) {
}
