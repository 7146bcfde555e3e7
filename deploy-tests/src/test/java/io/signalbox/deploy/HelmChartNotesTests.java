package io.signalbox.deploy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What `helm install` tells the operator to do next. */
class HelmChartNotesTests {

    @Test
    void pointsAtTheGeneratedAdminTokenAndWarnsAboutWhatIsNotConfigured() {
        String notes = HelmChart.installNotes(ValueSet.DEFAULTS);

        assertThat(notes).contains("kubectl -n signalbox get secret sb-signalbox-auth-generated -o jsonpath='{.data.admin-token}'")
                .contains("kubectl -n signalbox port-forward svc/sb-signalbox-edge-gateway 8080:8080")
                .contains("https://signalbox.example.com/v1")
                .contains("WARNING: no password is configured for the registry database")
                .contains("WARNING: no provider-credential encryption key is configured");
    }

    @Test
    void pointsAtTheOperatorsOwnSecretsAndWarnsAboutNothingInProduction() {
        String notes = HelmChart.installNotes(ValueSet.PRODUCTION);

        assertThat(notes).contains("get secret signalbox-tokens -o jsonpath='{.data.admin}'")
                .contains("admin API: https://ai-admin.internal.example.com/api/v1/")
                .contains("ServiceMonitor sb-signalbox scrapes /actuator/prometheus")
                .contains("back it")
                .doesNotContain("WARNING");
    }
}
