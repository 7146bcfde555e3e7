package io.signalbox.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The metric names the Grafana dashboards query, read from every panel's PromQL and every query variable. PromQL is
 * reduced to its metric selectors: strings, label matchers, ranges, grouping clauses, numbers and Grafana variables
 * are removed, and what remains that is neither a function (followed by a parenthesis) nor a keyword is a metric
 * name. Good enough for the PromQL dashboards use; it does not pretend to be a PromQL parser.
 */
final class DashboardQueries {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right", "and", "or", "unless", "bool", "offset", "inf", "nan");

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");

    private static final Pattern GROUPING = Pattern.compile(
            "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{[^}]*}|\\$\\w+");

    private static final Pattern DURATION = Pattern.compile("(?<![\\w:])\\d+(ms|s|m|h|d|w|y)(?![\\w:])");

    private static final Pattern NUMBER = Pattern.compile("(?<![\\w:])\\d+(\\.\\d+)?([eE][+-]?\\d+)?(?![\\w:])");

    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([^,()]+?)\\s*(,[^)]*)?\\)");

    private DashboardQueries() {
    }

    /** A query and where it is, for failure messages. */
    record Query(String dashboard, String panel, String expr) {
    }

    /** Every query of every {@code signalbox-*.json} dashboard in {@code directory}. */
    static List<Query> queries(Path directory) {
        List<Query> queries = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("signalbox-.*\\.json")).sorted()
                    .toList()) {
                JsonNode dashboard = JSON.readTree(Files.readString(file));
                String name = file.getFileName().toString();
                collectPanels(name, dashboard.path("panels"), queries);
                for (JsonNode variable : dashboard.path("templating").path("list")) {
                    if ("query".equals(variable.path("type").asString())) {
                        JsonNode query = variable.path("query");
                        String text = query.isObject() ? query.path("query").asString() : query.asString();
                        queries.add(new Query(name, "variable " + variable.path("name").asString(), text));
                    }
                }
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return queries;
    }

    private static void collectPanels(String dashboard, JsonNode panels, List<Query> queries) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asString();
                if (!expr.isBlank()) {
                    queries.add(new Query(dashboard, panel.path("title").asString(), expr));
                }
            }
            collectPanels(dashboard, panel.path("panels"), queries);
        }
    }

    /** The metric names one PromQL expression (or {@code label_values(...)} variable query) selects. */
    static Set<String> metricNames(String expr) {
        String text = expr;
        Matcher labelValues = LABEL_VALUES.matcher(text);
        if (labelValues.find() && labelValues.group(2) != null) {
            text = labelValues.group(1);
        }
        else if (labelValues.find(0)) {
            return Set.of();
        }
        text = STRING.matcher(text).replaceAll(" ");
        text = removeBracketed(text, '{', '}');
        text = removeBracketed(text, '[', ']');
        text = GROUPING.matcher(text).replaceAll(" ");
        text = VARIABLE.matcher(text).replaceAll(" ");
        text = DURATION.matcher(text).replaceAll(" ");
        text = NUMBER.matcher(text).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher identifier = IDENTIFIER.matcher(text);
        while (identifier.find()) {
            String name = identifier.group();
            int after = identifier.end();
            while (after < text.length() && Character.isWhitespace(text.charAt(after))) {
                after++;
            }
            boolean function = after < text.length() && text.charAt(after) == '(';
            if (!function && !KEYWORDS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                names.add(name);
            }
        }
        return names;
    }

    private static String removeBracketed(String text, char open, char close) {
        StringBuilder kept = new StringBuilder(text.length());
        int depth = 0;
        for (char c : text.toCharArray()) {
            if (c == open) {
                depth++;
                kept.append(' ');
            }
            else if (c == close && depth > 0) {
                depth--;
                kept.append(' ');
            }
            else if (depth == 0) {
                kept.append(c);
            }
        }
        return kept.toString();
    }

    /** The metric names a Prometheus text exposition has samples of. */
    static Set<String> exposed(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int end = 0;
            while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                end++;
            }
            names.add(line.substring(0, end));
        }
        return names;
    }
}
