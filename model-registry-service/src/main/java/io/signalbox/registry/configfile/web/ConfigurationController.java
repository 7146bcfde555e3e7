package io.signalbox.registry.configfile.web;

import java.util.Map;

import io.signalbox.registry.common.ValidationFailedException;
import io.signalbox.registry.configfile.ConfigurationFile;
import io.signalbox.registry.imports.ImportReport;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;

/** The whole configuration as one YAML document (GitOps): export, and import as an idempotent upsert. */
@RestController
@RequestMapping("/api/v1/config")
class ConfigurationController {

    static final String YAML = "application/yaml";

    private final ConfigurationFile configuration;

    ConfigurationController(ConfigurationFile configuration) {
        this.configuration = configuration;
    }

    /** Everything but secrets (provider credentials) and virtual keys, references by name. */
    @GetMapping(path = "/export", produces = YAML)
    ResponseEntity<String> export() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        options.setDereferenceAliases(true);
        options.setWidth(120);
        String yaml = new Yaml(new Representer(options), options).dump(configuration.export());
        return ResponseEntity.ok().header("Content-Type", YAML + ";charset=UTF-8").body(yaml);
    }

    /**
     * Creates what the document has and the registry lacks, updates what differs, deletes nothing.
     * {@code dryRun=true} answers the report without storing anything; a document with an error
     * changes nothing.
     */
    @PostMapping(path = "/import", consumes = { YAML, "application/x-yaml", "text/yaml", "text/plain" })
    ImportReport importConfiguration(@RequestBody String yaml, @RequestParam(defaultValue = "false") boolean dryRun) {
        Object document;
        try {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        }
        catch (YAMLException ex) {
            throw ValidationFailedException.of("body", "is not YAML: "
                    + String.valueOf(ex.getMessage()).lines().findFirst().orElse(""));
        }
        if (!(document instanceof Map<?, ?> map)) {
            throw ValidationFailedException.of("body", "must be a YAML mapping as GET /api/v1/config/export writes it");
        }
        return configuration.apply(map, dryRun);
    }
}
