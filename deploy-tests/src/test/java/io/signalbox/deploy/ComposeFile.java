package io.signalbox.deploy;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** docker-compose.yml as parsed YAML (anchors and merge keys resolved), with its {@code ${VAR:-default}} defaults. */
final class ComposeFile {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)(?::?-([^}]*))?}");

    private final Map<String, Object> document;

    private ComposeFile(Map<String, Object> document) {
        this.document = document;
    }

    static ComposeFile load() {
        return new ComposeFile(loadYaml("docker-compose.yml"));
    }

    static Map<String, Object> loadYaml(String file) {
        return Tree.map(new Yaml(new SafeConstructor(new LoaderOptions())).load(Repository.read(file)));
    }

    Map<String, Object> services() {
        return Tree.map(document, "services");
    }

    Map<String, Object> service(String name) {
        Map<String, Object> service = Tree.map(services(), name);
        if (service.isEmpty()) {
            throw new AssertionError("docker-compose.yml has no service " + name);
        }
        return service;
    }

    boolean isOneShot(String name) {
        return "no".equals(Tree.string(service(name), "restart"));
    }

    boolean hasHealthcheck(String name) {
        return !Tree.list(service(name), "healthcheck", "test").isEmpty();
    }

    /** A service's environment value with {@code ${VAR:-default}} replaced by its default, as with an empty .env. */
    @Nullable String env(String service, String variable) {
        String value = Tree.string(service(service), "environment", variable);
        return value == null ? null : withDefaults(value);
    }

    static String withDefaults(String value) {
        Matcher matcher = VARIABLE.matcher(value);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(result, Matcher.quoteReplacement(matcher.group(2) == null ? "" : matcher.group(2)));
        }
        return matcher.appendTail(result).toString();
    }
}
