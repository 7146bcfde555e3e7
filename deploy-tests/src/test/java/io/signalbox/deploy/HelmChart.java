package io.signalbox.deploy;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.marcnuri.helm.DryRun;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;

/**
 * helm/signalbox rendered by Helm itself, in process and offline. Renders are cached per value set: the chart
 * does not change while the tests run. Helm hooks (the generated-token Secret, the topics Job when it is a hook)
 * are not part of a template's manifest, as with {@code helm template --no-hooks}.
 */
final class HelmChart {

    static final Path CHART = Repository.path("helm/signalbox");

    static final String RELEASE = "sb";

    static final String NAMESPACE = "signalbox";

    /** {@code <release>-signalbox}, the prefix of every resource name. */
    static final String FULLNAME = RELEASE + "-signalbox";

    private static final Map<ValueSet, RenderedChart> RENDERED = new ConcurrentHashMap<>();

    private HelmChart() {
    }

    static RenderedChart render(ValueSet values) {
        return RENDERED.computeIfAbsent(values, set -> RenderedChart.parse(template(set, Map.of())));
    }

    /** Renders with extra {@code --set} values on top of a value set; throws what Helm reports. */
    static String template(ValueSet values, Map<String, Object> overrides) {
        TemplateCommand template = new Helm(CHART).template().withName(RELEASE).withNamespace(NAMESPACE);
        Path file = values.path();
        if (file != null) {
            template = template.withValuesFile(file);
        }
        for (Map.Entry<String, Object> override : overrides.entrySet()) {
            template = template.set(override.getKey(), override.getValue());
        }
        return template.call();
    }

    static LintResult lintStrict() {
        return new Helm(CHART).lint().strict().call();
    }

    /** What {@code helm install} prints, NOTES included, from a client-side dry run (no cluster contacted). */
    static String installNotes(ValueSet values) {
        InstallCommand install = new Helm(CHART).install().withName(RELEASE).withNamespace(NAMESPACE).dryRun()
                .withDryRunOption(DryRun.CLIENT).clientOnly();
        Path file = values.path();
        if (file != null) {
            install = install.withValuesFile(file);
        }
        return install.call().getOutput();
    }
}
