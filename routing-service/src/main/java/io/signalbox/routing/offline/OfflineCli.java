package io.signalbox.routing.offline;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.signalbox.routing.complexity.ComplexityHead;
import io.signalbox.routing.complexity.ComplexityScorer;
import io.signalbox.routing.complexity.EmbeddingComplexityScorer;
import io.signalbox.routing.complexity.FeatureComplexityScorer;
import io.signalbox.routing.complexity.HeadFile;
import io.signalbox.routing.complexity.HeadTrainer;
import io.signalbox.routing.complexity.Prompt;
import io.signalbox.routing.complexity.ThresholdCalibration;
import io.signalbox.routing.complexity.TrainingExample;
import io.signalbox.routing.embedding.MiniLmEmbedder;
import io.signalbox.routing.embedding.SentenceEmbedder;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code offline train} and {@code offline score}: the complexity scorers as a command-line tool,
 * so that anyone can train a head on their own quality data and measure routing quality on any data
 * set. Runs without Spring; exit code 0 on success, 1 when the data is wrong, 2 on a usage error.
 */
public final class OfflineCli {

    static final String USAGE = """
            usage:
              offline train --data <train.jsonl> --strong <model> --weak <model> --out <head.json>
                            [--head logistic|knn|ensemble] [--k 25] [--strong-share <0..1>] [--max-tokens 128]
                  lines: {"prompt": "...", "scores": {"<model>": <quality 0..1>, ...}}
              offline score --data <prompts.jsonl> [--out <scores.jsonl>] (--scorer features | --head <head.json>)
                            [--max-tokens 128]
                  lines: {"id": "...", "prompt": "..."}  ->  {"id": "...", "score": <0..1>}
            """;

    private static final int EMBEDDING_BATCH = 64;

    private final JsonMapper json = JsonMapper.builder().build();

    private final SentenceEmbedderSource embedders;

    private final PrintStream out;

    private final PrintStream err;

    /** Supplies the embedder lazily: {@code score --scorer features} should never load the model. */
    @FunctionalInterface
    interface SentenceEmbedderSource {

        SentenceEmbedder get(MiniLmEmbedder.Settings settings);
    }

    OfflineCli(SentenceEmbedderSource embedders, PrintStream out, PrintStream err) {
        this.embedders = embedders;
        this.out = out;
        this.err = err;
    }

    /** Runs one command and returns the process exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return new OfflineCli(MiniLmEmbedder::shared, out, err).execute(args);
    }

    int execute(String[] args) {
        try {
            if (args.length == 0) {
                throw new UsageException("a command is required: train or score");
            }
            Map<String, String> options = options(args);
            return switch (args[0]) {
                case "train" -> train(options);
                case "score" -> score(options);
                default -> throw new UsageException("unknown command '" + args[0] + "'");
            };
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.print(USAGE);
            return 2;
        } catch (DataException | IllegalArgumentException | UncheckedIOException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private int train(Map<String, String> options) {
        Path data = Path.of(required(options, "data"));
        String strong = required(options, "strong");
        String weak = required(options, "weak");
        Path target = Path.of(required(options, "out"));
        String headType = options.getOrDefault("head", "logistic");
        @Nullable Double strongShare = options.containsKey("strong-share")
                ? fraction(options.get("strong-share"), "strong-share") : null;

        List<String> prompts = new ArrayList<>();
        List<Double> labelList = new ArrayList<>();
        forEachLine(data, (line, node) -> {
            String prompt = text(node, "prompt", line);
            JsonNode scores = node.get("scores");
            if (scores == null || !scores.isObject()) {
                throw new DataException(data + ":" + line + ": \"scores\" must be an object of model -> quality");
            }
            Map<String, Double> qualities = new HashMap<>();
            for (Map.Entry<String, JsonNode> score : scores.properties()) {
                if (!score.getValue().isNumber() && !score.getValue().isBoolean()) {
                    throw new DataException(data + ":" + line + ": score of '" + score.getKey() + "' is not a number");
                }
                qualities.put(score.getKey(), score.getValue().isBoolean()
                        ? (score.getValue().asBoolean() ? 1.0 : 0.0) : score.getValue().asDouble());
            }
            try {
                labelList.add(new TrainingExample(prompt, qualities).label(strong, weak));
            } catch (IllegalArgumentException e) {
                throw new DataException(data + ":" + line + ": " + e.getMessage());
            }
            prompts.add(prompt);
        });
        if (prompts.isEmpty()) {
            throw new DataException(data + " has no training examples");
        }
        SentenceEmbedder embedder = embedders.get(embedding(options));
        List<float[]> embeddings = embed(embedder, prompts);
        double[] labels = labelList.stream().mapToDouble(Double::doubleValue).toArray();
        ComplexityHead head = switch (headType) {
            case "logistic" -> HeadTrainer.logistic(embeddings, labels, HeadTrainer.LogisticOptions.DEFAULTS);
            case "knn" -> HeadTrainer.knn(embeddings, labels, positiveInt(options.getOrDefault("k", "25"), "k"));
            case "ensemble" -> HeadTrainer.ensemble(embeddings, prompts, labels,
                    positiveInt(options.getOrDefault("k", "50"), "k"));
            default -> throw new UsageException("--head must be logistic, knn or ensemble, was '" + headType + "'");
        };
        @Nullable Double threshold = null;
        if (strongShare != null) {
            double[] scores = IntStream.range(0, prompts.size())
                    .mapToDouble(i -> head.score(embeddings.get(i), Prompt.ofUserText(prompts.get(i)))).toArray();
            threshold = ThresholdCalibration.thresholdForStrongShare(scores, strongShare);
        }
        HeadFile file = new HeadFile(HeadFile.FORMAT, HeadFile.MINILM, strong, weak, prompts.size(), threshold,
                strongShare, head);
        write(target, file.toJson());
        err.printf("trained %s %s head on %d prompts (strong %s, weak %s)%s -> %s%n",
                "ensemble".equals(headType) ? "an" : "a", headType, prompts.size(),
                strong, weak, threshold != null ? ", threshold " + threshold + " for strong share " + strongShare : "",
                target);
        return 0;
    }

    private int score(Map<String, String> options) {
        Path data = Path.of(required(options, "data"));
        boolean features = options.containsKey("scorer");
        boolean learned = options.containsKey("head");
        if (features == learned) {
            throw new UsageException("give exactly one of --scorer features or --head <head.json>");
        }
        ComplexityScorer scorer;
        if (features) {
            if (!FeatureComplexityScorer.TYPE.equals(options.get("scorer"))) {
                throw new UsageException("--scorer must be 'features' (use --head for a learned head)");
            }
            scorer = new FeatureComplexityScorer();
        } else {
            HeadFile head = HeadFile.read(Path.of(options.get("head")));
            if (!HeadFile.MINILM.equals(head.embeddingModel())) {
                throw new DataException("the head was trained on '" + head.embeddingModel()
                        + "' embeddings; this version embeds with " + HeadFile.MINILM);
            }
            scorer = new EmbeddingComplexityScorer(embedders.get(embedding(options)), head.head());
        }
        @Nullable String target = options.get("out");
        try (Writer writer = target != null
                ? Files.newBufferedWriter(Path.of(target), StandardCharsets.UTF_8)
                : new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8))) {
            int[] count = {0};
            forEachLine(data, (line, node) -> {
                JsonNode id = node.get("id");
                if (id == null || !id.isValueNode() || id.isNull()) {
                    throw new DataException(data + ":" + line + ": \"id\" is missing");
                }
                String prompt = text(node, "prompt", line);
                ObjectNode result = json.createObjectNode();
                result.set("id", id);
                result.put("score", scorer.score(Prompt.ofUserText(prompt)));
                try {
                    writer.write(json.writeValueAsString(result));
                    writer.write('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                count[0]++;
            });
            writer.flush();
            err.printf("scored %d prompts with the %s scorer%n", count[0], scorer.type());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + (target != null ? target : "the output"), e);
        }
        return 0;
    }

    /** The embedder's settings: the service's defaults, or {@code --max-tokens} to match a service configured otherwise. */
    private static MiniLmEmbedder.Settings embedding(Map<String, String> options) {
        MiniLmEmbedder.Settings defaults = MiniLmEmbedder.Settings.defaults();
        if (!options.containsKey("max-tokens")) {
            return defaults;
        }
        int maxTokens = positiveInt(options.get("max-tokens"), "max-tokens");
        if (maxTokens < 3 || maxTokens > MiniLmEmbedder.MODEL_MAX_TOKENS) {
            throw new UsageException("--max-tokens must be between 3 and " + MiniLmEmbedder.MODEL_MAX_TOKENS
                    + ", was " + maxTokens);
        }
        return new MiniLmEmbedder.Settings(maxTokens, defaults.intraOpThreads());
    }

    private List<float[]> embed(SentenceEmbedder embedder, List<String> prompts) {
        List<float[]> embeddings = new ArrayList<>(prompts.size());
        for (int from = 0; from < prompts.size(); from += EMBEDDING_BATCH) {
            embeddings.addAll(embedder.embedAll(prompts.subList(from, Math.min(prompts.size(), from + EMBEDDING_BATCH))));
            if (prompts.size() > 1_000 && (from / EMBEDDING_BATCH) % 50 == 0) {
                err.printf("embedded %d / %d prompts%n", embeddings.size(), prompts.size());
            }
        }
        return embeddings;
    }

    private interface LineHandler {

        void accept(int line, JsonNode node);
    }

    private void forEachLine(Path data, LineHandler handler) {
        try (BufferedReader reader = Files.newBufferedReader(data, StandardCharsets.UTF_8)) {
            String text;
            int line = 0;
            while ((text = reader.readLine()) != null) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = json.readTree(text);
                } catch (JacksonException e) {
                    throw new DataException(data + ":" + line + ": not JSON (" + e.getOriginalMessage() + ")");
                }
                if (!node.isObject()) {
                    throw new DataException(data + ":" + line + ": expected a JSON object");
                }
                handler.accept(line, node);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + data + ": " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode node, String field, int line) {
        JsonNode value = node.get(field);
        if (value == null || !value.isString()) {
            throw new DataException("line " + line + ": \"" + field + "\" must be a string");
        }
        return value.asString();
    }

    private static void write(Path target, String content) {
        try {
            Files.writeString(target, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new UsageException("expected --option value pairs, got '" + args[i] + "'");
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new UsageException("--" + name + " is required");
        }
        return value;
    }

    private static double fraction(String value, String name) {
        try {
            double parsed = Double.parseDouble(value);
            if (parsed >= 0 && parsed <= 1) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--" + name + " must be a number in [0, 1], was '" + value + "'");
    }

    private static int positiveInt(String value, String name) {
        try {
            int parsed = Integer.parseInt(value);
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--" + name + " must be a positive whole number, was '" + value + "'");
    }

    private static final class UsageException extends RuntimeException {

        UsageException(String message) {
            super(message);
        }
    }

    private static final class DataException extends RuntimeException {

        DataException(String message) {
            super(message);
        }
    }
}
