package io.signalbox.kit.problem;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.mock.http.MockHttpInputMessage;
import org.springframework.validation.BeanPropertyBindingResult;
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

    /** A bean, as request bodies bound by Spring are. */
    static class Form {

        public int getWeight() {
            return 0;
        }
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

    @Test
    void anUnreadableBodyWithAWronglyTypedValueFailsThatFieldAndAnythingElseIsMalformed() {
        JacksonException wrongType = catchThrowableOfType(JacksonException.class, () -> JsonMapper.builder().build()
                .readValue("{\"policy\":{\"targets\":[{\"weight\":\"heavy\"}]}}", Route.class));
        HttpMessageNotReadableException typed = new HttpMessageNotReadableException("bad", wrongType,
                new MockHttpInputMessage(new byte[0]));
        HttpMessageNotReadableException empty = new HttpMessageNotReadableException("no body",
                new MockHttpInputMessage(new byte[0]));

        ProblemDetail field = Problems.unreadableBody(typed, "route");
        ProblemDetail malformed = Problems.unreadableBody(empty, "route");

        assertThat(field.getType()).isEqualTo(Problems.VALIDATION_FAILED);
        assertThat(field.getProperties()).containsEntry("errors", List.of(
                Map.of("field", "policy.targets[0].weight", "message", Problems.WRONG_TYPE)));
        assertThat(malformed.getStatus()).isEqualTo(400);
        assertThat(malformed.getType()).hasToString("https://signalbox.io/problems/malformed-request");
    }

    @Test
    void bindingErrorsBecomeViolationsInFieldThenMessageOrder() {
        BeanPropertyBindingResult result = new BeanPropertyBindingResult(new Form(), "target");
        result.rejectValue("weight", "min", "must be at least 1");
        result.rejectValue("weight", "max", "is too heavy");
        result.reject("whole", "does not add up");

        assertThat(Problems.violations(result)).containsExactly(new FieldViolation("target", "does not add up"),
                new FieldViolation("weight", "is too heavy"), new FieldViolation("weight", "must be at least 1"));
    }
}
