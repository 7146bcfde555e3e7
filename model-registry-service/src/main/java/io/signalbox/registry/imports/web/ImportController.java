package io.signalbox.registry.imports.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.signalbox.registry.common.ValidationFailedException;
import io.signalbox.registry.imports.ImportReport;
import io.signalbox.registry.imports.ImportService;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/api/v1/import")
class ImportController {

    private final ImportService imports;

    ImportController(ImportService imports) {
        this.imports = imports;
    }

    /**
     * Imports LiteLLM's {@code model_prices_and_context_window.json}. Running it twice changes nothing
     * the second time; {@code dryRun=true} answers the same report without storing anything.
     *
     * @param effectiveFrom when new prices take effect (ISO-8601); default now
     */
    @PostMapping("/litellm-prices")
    ImportReport litellmPrices(@RequestBody JsonNode document, @RequestParam(defaultValue = "false") boolean dryRun,
            @RequestParam(required = false) @Nullable Instant effectiveFrom) {
        if (!document.isObject()) {
            throw ValidationFailedException.of("body", "must be LiteLLM's JSON object of models");
        }
        return imports.importLiteLlmPrices(document, effectiveFrom, dryRun);
    }

    /**
     * Imports a LiteLLM proxy {@code config.yaml} (sent as {@code application/yaml} or text). Idempotent;
     * {@code dryRun=true} answers the same report without storing anything.
     */
    @PostMapping(path = "/litellm-config", consumes = { "application/yaml", "application/x-yaml", "text/yaml",
            "text/plain" })
    ImportReport litellmConfig(@RequestBody String yaml, @RequestParam(defaultValue = "false") boolean dryRun) {
        Object document;
        try {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        }
        catch (YAMLException ex) {
            throw ValidationFailedException.of("body", "is not YAML: " + String.valueOf(ex.getMessage()).lines().findFirst().orElse(""));
        }
        if (!(document instanceof Map<?, ?> map) || !(map.get("model_list") instanceof List<?>)) {
            throw ValidationFailedException.of("model_list", "is required: the list of LiteLLM deployments");
        }
        return imports.importLiteLlmConfig(document, dryRun);
    }
}
