package io.signalbox.routing.decision.web;

import java.util.Map;
import java.util.Set;

import io.signalbox.contracts.decision.DecisionRequest;
import io.signalbox.routing.SampleCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DecisionRequestRulesTests {

    @Test
    void acceptsACompleteRequest() {
        assertThat(DecisionRequestRules.violations(SampleCatalog.request("auto", "user-1"))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "blank model        | ' '  | req-1 | -1 | 5 | model must not be blank; estimatedPromptTokens must not be negative",
            "missing request id | auto | ''    | 0  | 5 | requestId must not be blank",
            "zero max tokens    | auto | req-1 | 10 | 0 | maxTokens must be at least 1 when given"})
    void reportsEveryBrokenRuleAtOnce(String name, String model, String requestId, int promptTokens, int maxTokens,
            String expected) {
        DecisionRequest request = new DecisionRequest(requestId, "tenant-1", null, "key-1", model,
                "chat.completions", false, promptTokens, maxTokens, Set.of(), null, Map.of(), null);

        assertThatExceptionOfType(DecisionRequestRules.InvalidDecisionRequestException.class)
                .isThrownBy(() -> DecisionRequestRules.check(request))
                .withMessage(expected);
    }
}
