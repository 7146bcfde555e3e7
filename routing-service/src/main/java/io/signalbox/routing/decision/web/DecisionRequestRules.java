package io.signalbox.routing.decision.web;

import java.util.ArrayList;
import java.util.List;

import io.signalbox.contracts.decision.DecisionRequest;
import org.jspecify.annotations.Nullable;

/**
 * What a decision request must carry. The contract record cannot hold Bean Validation annotations
 * (event-contracts has no Spring or validation dependency), and JSON can leave its non-null fields
 * null, so the rules are checked here, all at once, to report every problem in one answer.
 */
final class DecisionRequestRules {

    private DecisionRequestRules() {
    }

    static void check(DecisionRequest request) {
        List<String> violations = violations(request);
        if (!violations.isEmpty()) {
            throw new InvalidDecisionRequestException(violations);
        }
    }

    static List<String> violations(DecisionRequest request) {
        List<String> violations = new ArrayList<>();
        requireText(violations, "model", request.model());
        requireText(violations, "requestId", request.requestId());
        requireText(violations, "tenantId", request.tenantId());
        requireText(violations, "keyId", request.keyId());
        requireText(violations, "operation", request.operation());
        if (request.estimatedPromptTokens() < 0) {
            violations.add("estimatedPromptTokens must not be negative");
        }
        Integer maxTokens = request.maxTokens();
        if (maxTokens != null && maxTokens < 1) {
            violations.add("maxTokens must be at least 1 when given");
        }
        return violations;
    }

    private static void requireText(List<String> violations, String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            violations.add(field + " must not be blank");
        }
    }

    /** The request body breaks one or more rules; the messages name the fields. */
    static final class InvalidDecisionRequestException extends RuntimeException {

        private final List<String> violations;

        InvalidDecisionRequestException(List<String> violations) {
            super(String.join("; ", violations));
            this.violations = List.copyOf(violations);
        }

        List<String> violations() {
            return violations;
        }
    }
}
