package io.signalbox.deploy;

import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HelmChartLintTests {

    @Test
    void passesStrictLintWithItsDefaultValues() {
        LintResult result = HelmChart.lintStrict();

        assertThat(result.getMessages()).as("helm lint --strict").noneMatch(message -> message.contains("[ERROR]")
                || message.contains("[WARNING]"));
        assertThat(result.isFailed()).as("helm lint --strict failed: %s", result.getMessages()).isFalse();
    }
}
