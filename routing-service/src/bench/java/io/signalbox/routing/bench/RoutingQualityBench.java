package io.signalbox.routing.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.IntStream;

import io.signalbox.routing.complexity.ComplexityHead;
import io.signalbox.routing.complexity.EnsembleHead;
import io.signalbox.routing.complexity.FeatureComplexityScorer;
import io.signalbox.routing.complexity.HeadTrainer;
import io.signalbox.routing.complexity.Prompt;
import io.signalbox.routing.embedding.MiniLmEmbedder;
import org.jspecify.annotations.Nullable;

/**
 * Routing quality of each complexity scorer on RouteLLM's MMLU and GSM8K tables, evaluated honestly:
 * every learned score comes from a head that never saw that prompt (5-fold cross-validation; MMLU folds
 * are whole subjects, so a head is always tested on subjects it was not trained on), plus cross-data-set
 * runs (train on all of one, test on the other). Writes a Markdown table to stdout and
 * {@code target/routing-quality.md}.
 *
 * <p>Usage: {@code RoutingQualityBench [path/to/routing/routellm]}; without an argument it looks for
 * {@code ../shared/data/routing/routellm} from the repository root or the module directory.
 */
public final class RoutingQualityBench {

    private static final int FOLDS = 5;

    private static final int KNN_K = 50;

    private static final int RANDOM_SEEDS = 10;

    private RoutingQualityBench() {
    }

    public static void main(String[] args) throws IOException {
        MiniLmEmbedder.Settings settings = MiniLmEmbedder.Settings.defaults();
        List<String> paths = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--max-tokens=")) {
                settings = new MiniLmEmbedder.Settings(Integer.parseInt(arg.substring("--max-tokens=".length())),
                        settings.intraOpThreads());
            }
            else {
                paths.add(arg);
            }
        }
        Path root = locate(paths.toArray(String[]::new));
        if (root == null) {
            System.out.println("RouteLLM data not found (looked for ../shared/data/routing/routellm from the repository "
                    + "root and the module directory); pass its path as the first argument. Nothing measured.");
            return;
        }
        System.err.println("reading RouteLLM data from " + root.toAbsolutePath().normalize());
        RouterData mmlu = RouterData.mmlu(root);
        RouterData gsm8k = RouterData.gsm8k(root);
        Map<String, List<float[]>> embeddings = new HashMap<>();
        for (RouterData data : List.of(mmlu, gsm8k)) {
            embeddings.put(data.name(), embeddings(data, settings));
        }
        StringBuilder table = new StringBuilder();
        table.append("| data set (n, strong / weak accuracy) | scorer | evaluation | APGR | CPT(50%) | CPT(80%) | strong share at 95% of strong quality | cost saving at 95% |\n");
        table.append("|---|---|---|---|---|---|---|---|\n");
        for (RouterData data : List.of(mmlu, gsm8k)) {
            List<float[]> x = embeddings.get(data.name());
            double[] y = labels(data);
            int[] fold = data.name().equals("MMLU") ? foldsBySubject(data) : randomFolds(data.rows().size());
            String title = String.format(Locale.ROOT, "%s (%d, %.1f%% / %.1f%%)", data.name(), data.rows().size(),
                    100 * data.strongAccuracy(), 100 * data.weakAccuracy());
            List<RoutingMetrics> randomRuns = new ArrayList<>();
            for (int seed = 0; seed < RANDOM_SEEDS; seed++) {
                randomRuns.add(RoutingMetrics.of(data.rows(), new SplittableRandom(seed).doubles(y.length).toArray(), seed));
            }
            row(table, title, "random", "mean of " + RANDOM_SEEDS + " seeds", RoutingMetrics.mean(randomRuns));
            FeatureComplexityScorer features = new FeatureComplexityScorer();
            double[] featureScores = data.rows().stream()
                    .mapToDouble(r -> features.score(Prompt.ofUserText(r.prompt()))).toArray();
            row(table, title, "features", "no training", RoutingMetrics.of(data.rows(), featureScores, 1));
            String folds = data.name().equals("MMLU") ? FOLDS + "-fold, grouped by subject" : FOLDS + "-fold";
            row(table, title, "embedding + logistic", folds, RoutingMetrics.of(data.rows(),
                    outOfFold(x, y, fold, (train) -> HeadTrainer.logistic(train.x(), train.y(), HeadTrainer.LogisticOptions.DEFAULTS)), 1));
            row(table, title, "embedding + kNN (k=" + KNN_K + ")", folds, RoutingMetrics.of(data.rows(),
                    outOfFold(x, y, fold, (train) -> HeadTrainer.knn(train.x(), train.y(), KNN_K)), 1));
            List<String> prompts = data.rows().stream().map(RouterData.Row::prompt).toList();
            row(table, title, "ensemble: logistic + kNN + features", folds, RoutingMetrics.of(data.rows(),
                    outOfFold(x, y, prompts, fold, (train) -> HeadTrainer.ensemble(train.x(), train.prompts(),
                            train.y(), KNN_K)), 1));
            if (data.name().equals("MMLU")) {
                // For comparison with evaluations that share subjects between training and test prompts.
                row(table, title, "embedding + kNN (k=" + KNN_K + ")", FOLDS + "-fold, random (subjects shared)",
                        RoutingMetrics.of(data.rows(), outOfFold(x, y, randomFolds(y.length), (train) -> HeadTrainer.knn(train.x(), train.y(), KNN_K)), 1));
            }
            row(table, title, "oracle (knows the answers)", "upper bound", RoutingMetrics.of(data.rows(), y, 1));
        }
        for (RouterData[] pair : List.of(new RouterData[] {mmlu, gsm8k}, new RouterData[] {gsm8k, mmlu})) {
            RouterData train = pair[0];
            RouterData test = pair[1];
            List<float[]> trainX = embeddings.get(train.name());
            double[] trainY = labels(train);
            List<float[]> testX = embeddings.get(test.name());
            String title = test.name() + " (cross)";
            ComplexityHead logistic = HeadTrainer.logistic(trainX, trainY, HeadTrainer.LogisticOptions.DEFAULTS);
            row(table, title, "embedding + logistic", "trained on all of " + train.name(),
                    RoutingMetrics.of(test.rows(), score(logistic, testX), 1));
            ComplexityHead knn = HeadTrainer.knn(trainX, trainY, KNN_K);
            row(table, title, "embedding + kNN (k=" + KNN_K + ")", "trained on all of " + train.name(),
                    RoutingMetrics.of(test.rows(), score(knn, testX), 1));
            EnsembleHead ensemble = HeadTrainer.ensemble(trainX, train.rows().stream().map(RouterData.Row::prompt)
                    .toList(), trainY, KNN_K);
            double[] ensembleScores = IntStream.range(0, testX.size()).parallel().mapToDouble(i -> ensemble.score(
                    testX.get(i), Prompt.ofUserText(test.rows().get(i).prompt()))).toArray();
            row(table, title, "ensemble: logistic + kNN + features", "trained on all of " + train.name(),
                    RoutingMetrics.of(test.rows(), ensembleScores, 1));
        }
        table.append(String.format(Locale.ROOT, "%nEmbeddings: MiniLM, the first %d tokens of each prompt.%n",
                settings.maxTokens()));
        System.out.print(table);
        Path report = Path.of("target", "routing-quality.md");
        Files.createDirectories(report.getParent());
        Files.writeString(report, table);
        System.err.println("wrote " + report.toAbsolutePath());
    }

    private record TrainingSet(List<float[]> x, double[] y, List<String> prompts) {
    }

    private static double[] outOfFold(List<float[]> x, double[] y, int[] fold, Function<TrainingSet, ComplexityHead> trainer) {
        return outOfFold(x, y, Collections.nCopies(y.length, ""), fold, trainer);
    }

    /** Trains on every fold but one and scores the held-out one, each fold in turn; heads may read the prompts. */
    private static double[] outOfFold(List<float[]> x, double[] y, List<String> prompts, int[] fold,
            Function<TrainingSet, ComplexityHead> trainer) {
        double[] scores = new double[y.length];
        for (int f = 0; f < FOLDS; f++) {
            List<float[]> trainX = new ArrayList<>();
            List<Double> trainY = new ArrayList<>();
            List<String> trainPrompts = new ArrayList<>();
            List<Integer> held = new ArrayList<>();
            for (int i = 0; i < y.length; i++) {
                if (fold[i] == f) {
                    held.add(i);
                } else {
                    trainX.add(x.get(i));
                    trainY.add(y[i]);
                    trainPrompts.add(prompts.get(i));
                }
            }
            ComplexityHead head = trainer.apply(new TrainingSet(trainX,
                    trainY.stream().mapToDouble(Double::doubleValue).toArray(), trainPrompts));
            held.parallelStream().forEach(i -> scores[i] = head.score(x.get(i), Prompt.ofUserText(prompts.get(i))));
            System.err.printf("fold %d: trained on %d, scored %d held-out prompts%n", f, trainX.size(), held.size());
        }
        return scores;
    }

    private static double[] score(ComplexityHead head, List<float[]> x) {
        return IntStream.range(0, x.size()).parallel().mapToDouble(i -> head.score(x.get(i))).toArray();
    }

    private static double[] labels(RouterData data) {
        return data.rows().stream()
                .mapToDouble(r -> ((r.strongCorrect() ? 1 : 0) - (r.weakCorrect() ? 1 : 0) + 1) / 2.0).toArray();
    }

    /** Whole subjects per fold, assigned round-robin after a seeded shuffle of the sorted subject names. */
    private static int[] foldsBySubject(RouterData data) {
        List<String> subjects = new ArrayList<>(new TreeSet<>(data.rows().stream().map(RouterData.Row::group).toList()));
        Collections.shuffle(subjects, new Random(42));
        Map<String, Integer> foldOf = new HashMap<>();
        for (int i = 0; i < subjects.size(); i++) {
            foldOf.put(subjects.get(i), i % FOLDS);
        }
        return data.rows().stream().mapToInt(r -> foldOf.get(r.group())).toArray();
    }

    private static int[] randomFolds(int n) {
        SplittableRandom random = new SplittableRandom(42);
        return IntStream.range(0, n).map(i -> random.nextInt(FOLDS)).toArray();
    }

    /** Embeds every prompt once and caches the vectors under target/, since that is the slow part. */
    private static List<float[]> embeddings(RouterData data, MiniLmEmbedder.Settings settings) throws IOException {
        Path cache = Path.of("target", "bench-embeddings-" + data.name().toLowerCase(Locale.ROOT) + "-"
                + data.rows().size() + "-" + settings.maxTokens() + "tokens.bin");
        if (Files.exists(cache)) {
            try (InputStream in = Files.newInputStream(cache); DataInputStream input = new DataInputStream(new BufferedInputStream(in))) {
                List<float[]> vectors = new ArrayList<>();
                for (int i = 0; i < data.rows().size(); i++) {
                    float[] vector = new float[MiniLmEmbedder.DIMENSION];
                    for (int j = 0; j < vector.length; j++) {
                        vector[j] = input.readFloat();
                    }
                    vectors.add(vector);
                }
                return vectors;
            }
        }
        MiniLmEmbedder embedder = MiniLmEmbedder.shared(settings);
        List<String> prompts = data.rows().stream().map(RouterData.Row::prompt).toList();
        List<float[]> vectors = new ArrayList<>();
        long start = System.nanoTime();
        for (int from = 0; from < prompts.size(); from += 256) {
            vectors.addAll(embedder.embedAll(prompts.subList(from, Math.min(prompts.size(), from + 256))));
            System.err.printf("%s: embedded %d / %d%n", data.name(), vectors.size(), prompts.size());
        }
        System.err.printf("%s: %.1f ms per prompt%n", data.name(), (System.nanoTime() - start) / 1e6 / prompts.size());
        Files.createDirectories(cache.getParent());
        try (OutputStream out = Files.newOutputStream(cache); DataOutputStream output = new DataOutputStream(new BufferedOutputStream(out))) {
            for (float[] vector : vectors) {
                for (float v : vector) {
                    output.writeFloat(v);
                }
            }
        }
        return vectors;
    }

    private static void row(StringBuilder table, String data, String scorer, String evaluation, RoutingMetrics m) {
        String line = String.format(Locale.ROOT, "| %s | %s | %s | %.3f | %.1f%% | %.1f%% | %.1f%% | %.1f%% |%n", data, scorer,
                evaluation, m.apgr(), 100 * m.cpt50(), 100 * m.cpt80(), 100 * m.strongShareAt95(), 100 * m.savingAt95());
        table.append(line);
        System.err.print(line);
    }

    private static @Nullable Path locate(String[] args) {
        List<Path> candidates = args.length > 0 && !args[0].isBlank()
                ? List.of(Path.of(args[0]))
                : List.of(Path.of("../shared/data/routing/routellm"), Path.of("../../shared/data/routing/routellm"));
        return candidates.stream().filter(p -> Files.isDirectory(p.resolve("mmlu"))).findFirst().orElse(null);
    }
}
