package io.signalbox.routing.endpoint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The samples of a Prometheus text exposition (version 0.0.4), enough for an endpoint picker: metric
 * name, labels and value per line. Comments, timestamps and malformed lines are skipped.
 */
final class PrometheusText {

    private final Map<String, List<Sample>> samples;

    private PrometheusText(Map<String, List<Sample>> samples) {
        this.samples = samples;
    }

    static PrometheusText parse(String text) {
        Map<String, List<Sample>> samples = new HashMap<>();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.charAt(0) == '#') {
                continue;
            }
            int brace = trimmed.indexOf('{');
            int space;
            String name;
            Map<String, String> labels = Map.of();
            if (brace >= 0 && brace < trimmed.indexOf(' ')) {
                int close = trimmed.lastIndexOf('}');
                if (close < brace) {
                    continue;
                }
                name = trimmed.substring(0, brace);
                labels = labels(trimmed.substring(brace + 1, close));
                space = close + 1;
            }
            else {
                space = trimmed.indexOf(' ');
                if (space < 0) {
                    continue;
                }
                name = trimmed.substring(0, space);
            }
            String[] rest = trimmed.substring(space).strip().split("\\s+");
            try {
                double value = Double.parseDouble(rest[0]);
                samples.computeIfAbsent(name, n -> new ArrayList<>()).add(new Sample(labels, value));
            }
            catch (NumberFormatException | ArrayIndexOutOfBoundsException malformed) {
                // skip the line
            }
        }
        return new PrometheusText(samples);
    }

    /** The first sample's value of the first name present, or NaN. */
    double value(String... names) {
        for (String name : names) {
            List<Sample> found = samples.get(name);
            if (found != null && !found.isEmpty()) {
                return found.getFirst().value();
            }
        }
        return Double.NaN;
    }

    List<Sample> samples(String name) {
        return samples.getOrDefault(name, List.of());
    }

    private static Map<String, String> labels(String text) {
        Map<String, String> labels = new LinkedHashMap<>();
        int i = 0;
        while (i < text.length()) {
            int equals = text.indexOf('=', i);
            if (equals < 0 || equals + 1 >= text.length() || text.charAt(equals + 1) != '"') {
                break;
            }
            String key = text.substring(i, equals).strip();
            StringBuilder value = new StringBuilder();
            int j = equals + 2;
            while (j < text.length() && text.charAt(j) != '"') {
                char c = text.charAt(j);
                if (c == '\\' && j + 1 < text.length()) {
                    char next = text.charAt(++j);
                    value.append(next == 'n' ? '\n' : next);
                }
                else {
                    value.append(c);
                }
                j++;
            }
            labels.put(key, value.toString());
            i = j + 1;
            while (i < text.length() && (text.charAt(i) == ',' || text.charAt(i) == ' ')) {
                i++;
            }
        }
        return labels;
    }

    record Sample(Map<String, String> labels, double value) {
    }
}
