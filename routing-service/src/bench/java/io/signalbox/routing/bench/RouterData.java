package io.signalbox.routing.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * RouteLLM's per-prompt correctness tables (../shared/data/routing/routellm, read in place, never
 * copied): each row is a prompt, whether the strong and the weak model answered it correctly, and a
 * group (the MMLU subject; GSM8K has none).
 */
record RouterData(String name, List<Row> rows) {

    record Row(String group, String prompt, boolean strongCorrect, boolean weakCorrect) {
    }

    static final String STRONG = "gpt-4-1106-preview";

    static final String WEAK = "mistralai/Mixtral-8x7B-Instruct-v0.1";

    double strongAccuracy() {
        return rows.stream().filter(Row::strongCorrect).count() / (double) rows.size();
    }

    double weakAccuracy() {
        return rows.stream().filter(Row::weakCorrect).count() / (double) rows.size();
    }

    /** MMLU without the rows RouteLLM marks as contaminated. */
    static RouterData mmlu(Path root) throws IOException {
        List<List<String>> table = Csv.parse(Files.readString(root.resolve("mmlu/mmlu_all_subjects.csv"), StandardCharsets.UTF_8));
        List<String> header = table.getFirst();
        int subject = header.indexOf("subject");
        int prompt = header.indexOf("prompt");
        int strong = header.indexOf(STRONG);
        int weak = header.indexOf(WEAK);
        int contaminated = header.indexOf("contaminated");
        List<Row> rows = new ArrayList<>();
        for (List<String> record : table.subList(1, table.size())) {
            if (!"True".equals(record.get(contaminated))) {
                rows.add(new Row(record.get(subject), record.get(prompt), "True".equals(record.get(strong)),
                        "True".equals(record.get(weak))));
            }
        }
        return new RouterData("MMLU", rows);
    }

    /** GSM8K without the prompts listed in contaminated_prompts.jsonl. */
    static RouterData gsm8k(Path root) throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        Set<String> contaminated = new HashSet<>();
        for (String line : Files.readAllLines(root.resolve("gsm8k/contaminated_prompts.jsonl"), StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                JsonNode node = json.readTree(line);
                contaminated.add(node.get("eval_prompt").asString());
            }
        }
        List<List<String>> table = Csv.parse(Files.readString(root.resolve("gsm8k/gsm8k_responses.csv"), StandardCharsets.UTF_8));
        List<String> header = table.getFirst();
        int prompt = header.indexOf("prompt");
        int strong = header.indexOf(STRONG);
        int weak = header.indexOf(WEAK);
        List<Row> rows = new ArrayList<>();
        for (List<String> record : table.subList(1, table.size())) {
            if (!contaminated.contains(record.get(prompt))) {
                rows.add(new Row("gsm8k", record.get(prompt), "True".equals(record.get(strong)),
                        "True".equals(record.get(weak))));
            }
        }
        return new RouterData("GSM8K", rows);
    }

    /** RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks. */
    static final class Csv {

        private Csv() {
        }

        static List<List<String>> parse(String text) {
            List<List<String>> records = new ArrayList<>();
            List<String> record = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        field.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    record.add(field.toString());
                    field.setLength(0);
                } else if (c == '\n' || c == '\r') {
                    if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                    record.add(field.toString());
                    field.setLength(0);
                    records.add(record);
                    record = new ArrayList<>();
                } else {
                    field.append(c);
                }
            }
            if (!field.isEmpty() || !record.isEmpty()) {
                record.add(field.toString());
                records.add(record);
            }
            return records;
        }
    }
}
