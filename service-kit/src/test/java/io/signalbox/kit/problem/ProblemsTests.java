package io.signalbox.kit.problem;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ProblemsTests {

    record Target(int weight) {
    }

    record Policy(List<Target> targets) {
    }

    record Route(Policy policy) {
    }

    @Test
    void aValidationProblemListsEveryBrokenRuleWithItsField() {
        ProblemDetail problem = Problems.validationFailed("budget request", List.of(
                new FieldViolation("amount", "must be positive"), new FieldViolation("zone", "is not a time zone")));

        assertThat(problem.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST.value());
        assertThat(problem.getType()).hasToString("https://signalbox.io/problems/validation-failed");
        assertThat(problem.getDetail()).isEqualTo("The budget request breaks 2 rules; see errors.");
        assertThat(problem.getProperties()).containsEntry("errors", List.of(
                Map.of("field", "amount", "message", "must be positive"),
                Map.of("field", "zone", "message", "is not a time zone")));
    }

    @Test
    void oneBrokenRuleIsNamedInTheSingular() {
        assertThat(Problems.validationFailed("request", List.of(new FieldViolation("name", "must not be blank")))
                .getDetail()).isEqualTo("The request breaks a rule; see errors.");
    }

    @Test
    void aJacksonFailureIsLocatedByItsJsonPath() {
        JacksonException failure = catchThrowableOfType(JacksonException.class, () -> JsonMapper.builder().build()
                .readValue("{\"policy\":{\"targets\":[{\"weight\":1},{\"weight\":\"heavy\"}]}}", Route.class));

        assertThat(Problems.jsonPath(failure.getPath())).isEqualTo("policy.targets[1].weight");
    }
}
