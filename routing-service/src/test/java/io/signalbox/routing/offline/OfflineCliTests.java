package io.signalbox.routing.offline;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.signalbox.routing.complexity.EnsembleHead;
import io.signalbox.routing.complexity.HeadFile;
import io.signalbox.routing.complexity.LogisticHead;
import io.signalbox.routing.embedding.BagOfWordsEmbedder;
import io.signalbox.routing.embedding.MiniLmEmbedder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class OfflineCliTests {

    private static final String STRONG = "big-model";

    private static final String WEAK = "small-model";

    private final JsonMapper json = JsonMapper.builder().build();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path dir;

    @Test
    void trainsAHeadThatScoresPromptsLikeItsHardExamplesHigher() throws IOException {
        Path train = trainingFile();
        Path head = dir.resolve("head.json");

        int trained = cli().execute(new String[] {"train", "--data", train.toString(), "--strong", STRONG,
            "--weak", WEAK, "--out", head.toString(), "--strong-share", "0.5"});
        Path prompts = write("prompts.jsonl",
                "{\"id\":\"hard\",\"prompt\":\"prove the theorem about the integral\"}",
                "{\"id\":\"easy\",\"prompt\":\"hello, tell me a joke\"}");
        int scored = cli().execute(new String[] {"score", "--data", prompts.toString(), "--head", head.toString()});

        assertThat(trained).as(err()).isZero();
        assertThat(scored).as(err()).isZero();
        HeadFile file = HeadFile.read(head);
        assertThat(file.head()).isInstanceOf(LogisticHead.class);
        assertThat(file.trainingExamples()).isEqualTo(12);
        assertThat(file.strongModel()).isEqualTo(STRONG);
        assertThat(file.threshold()).isNotNull();
        List<JsonNode> lines = outputLines();
        assertThat(lines).extracting(line -> line.get("id").asString()).containsExactly("hard", "easy");
        assertThat(lines.get(0).get("score").asDouble()).isGreaterThan(lines.get(1).get("score").asDouble());
    }

    @Test
    void trainsAKnnHeadOnRequest() throws IOException {
        Path head = dir.resolve("knn.json");

        int code = cli().execute(new String[] {"train", "--data", trainingFile().toString(), "--strong", STRONG,
            "--weak", WEAK, "--out", head.toString(), "--head", "knn", "--k", "3"});

        assertThat(code).as(err()).isZero();
        assertThat(Files.readString(head)).contains("\"type\":\"knn\"", "\"k\":3");
    }

    @Test
    void trainsAnEnsembleHeadAndScoresWithIt() throws IOException {
        Path head = dir.resolve("ensemble.json");
        Path prompts = write("prompts.jsonl", "{\"id\":\"q\",\"prompt\":\"Prove that sqrt(2) is irrational\"}");

        int trained = cli().execute(new String[] {"train", "--data", trainingFile().toString(), "--strong", STRONG,
            "--weak", WEAK, "--out", head.toString(), "--head", "ensemble", "--k", "3", "--strong-share", "0.5"});
        int scored = cli().execute(new String[] {"score", "--data", prompts.toString(), "--head", head.toString()});

        assertThat(trained).as(err()).isZero();
        assertThat(scored).as(err()).isZero();
        assertThat(HeadFile.read(head).head()).isInstanceOf(EnsembleHead.class);
        assertThat(HeadFile.read(head).threshold()).as("calibrated on the ensemble's own scores").isNotNull();
        assertThat(outputLines().getFirst().get("score").asDouble()).isBetween(0.0, 1.0);
    }

    @Test
    void scoresWithTheFeatureScorerWithoutLoadingAnEmbeddingModel() throws IOException {
        Path prompts = write("prompts.jsonl",
                "{\"id\":\"a\",\"prompt\":\"hi\"}",
                "",
                "{\"id\":7,\"prompt\":\"Prove that sqrt(2) is irrational, step by step, and explain why the proof works.\"}");
        Path scores = dir.resolve("scores.jsonl");
        OfflineCli cli = new OfflineCli(settings -> {
            throw new AssertionError("the feature scorer must not load an embedding model");
        }, new PrintStream(out), new PrintStream(err));

        int code = cli.execute(new String[] {"score", "--data", prompts.toString(), "--scorer", "features",
            "--out", scores.toString()});

        assertThat(code).as(err()).isZero();
        List<String> lines = Files.readAllLines(scores);
        assertThat(lines).hasSize(2);
        JsonNode first = json.readTree(lines.get(0));
        JsonNode second = json.readTree(lines.get(1));
        assertThat(first.get("id").asString()).isEqualTo("a");
        assertThat(second.get("id").isNumber()).isTrue();
        assertThat(first.get("score").asDouble()).isBetween(0.0, 0.5);
        assertThat(second.get("score").asDouble()).isGreaterThan(first.get("score").asDouble());
        assertThat(err()).contains("scored 2 prompts with the features scorer");
    }

    @Test
    void scoresWithTheRealEmbeddingModelFromTheJar() throws IOException {
        Path head = dir.resolve("minilm.json");
        Path prompts = write("prompts.jsonl", "{\"id\":\"q\",\"prompt\":\"Solve 2x + 3 = 11\"}");
        OfflineCli cli = new OfflineCli(MiniLmEmbedder::shared, new PrintStream(out), new PrintStream(err));

        int trained = cli.execute(new String[] {"train", "--data", trainingFile().toString(), "--strong", STRONG,
            "--weak", WEAK, "--out", head.toString()});
        int scored = cli.execute(new String[] {"score", "--data", prompts.toString(), "--head", head.toString()});

        assertThat(trained).as(err()).isZero();
        assertThat(scored).as(err()).isZero();
        assertThat(HeadFile.read(head).head().dimension()).isEqualTo(MiniLmEmbedder.DIMENSION);
        assertThat(outputLines().getFirst().get("score").asDouble()).isBetween(0.0, 1.0);
    }

    @Test
    void namesTheFileAndLineOfBadData() throws IOException {
        Path train = write("bad.jsonl",
                "{\"prompt\":\"fine\",\"scores\":{\"big-model\":1,\"small-model\":0}}",
                "{\"prompt\":\"no weak score\",\"scores\":{\"big-model\":1}}");

        int code = cli().execute(new String[] {"train", "--data", train.toString(), "--strong", STRONG,
            "--weak", WEAK, "--out", dir.resolve("h.json").toString()});

        assertThat(code).isEqualTo(1);
        assertThat(err()).contains("bad.jsonl:2", "'small-model'");
    }

    @Test
    void rejectsLinesThatAreNotJsonObjects() throws IOException {
        Path prompts = write("prompts.jsonl", "{\"id\":\"a\",\"prompt\":\"ok\"}", "not json");

        int code = cli().execute(new String[] {"score", "--data", prompts.toString(), "--scorer", "features"});

        assertThat(code).isEqualTo(1);
        assertThat(err()).contains("prompts.jsonl:2: not JSON");
    }

    @Test
    void explainsUsageErrors() {
        assertThat(cli().execute(new String[] {})).isEqualTo(2);
        assertThat(cli().execute(new String[] {"predict"})).isEqualTo(2);
        assertThat(cli().execute(new String[] {"score", "--data", "x.jsonl"})).isEqualTo(2);
        assertThat(cli().execute(new String[] {"train", "--data", "x.jsonl", "--strong", STRONG})).isEqualTo(2);
        assertThat(err()).contains("unknown command 'predict'", "--weak is required", "usage:");
    }

    @Test
    void embedsWithTheTokenCapItIsGivenAndRefusesOneTheModelCannotTake() throws IOException {
        List<MiniLmEmbedder.Settings> asked = new ArrayList<>();
        OfflineCli cli = new OfflineCli(settings -> {
            asked.add(settings);
            return new BagOfWordsEmbedder(64);
        }, new PrintStream(out), new PrintStream(err));

        int trained = cli.execute(new String[] {"train", "--data", trainingFile().toString(), "--strong", STRONG,
            "--weak", WEAK, "--out", dir.resolve("capped.json").toString(), "--max-tokens", "64"});
        int refused = cli.execute(new String[] {"train", "--data", trainingFile().toString(), "--strong", STRONG,
            "--weak", WEAK, "--out", dir.resolve("too-long.json").toString(), "--max-tokens", "600"});

        assertThat(trained).as(err()).isZero();
        assertThat(asked).extracting(MiniLmEmbedder.Settings::maxTokens).containsExactly(64);
        assertThat(refused).isEqualTo(2);
        assertThat(err()).contains("--max-tokens must be between 3 and 512, was 600");
    }

    @Test
    void reportsAMissingInputFile() {
        int code = cli().execute(new String[] {"score", "--data", dir.resolve("absent.jsonl").toString(),
            "--scorer", "features"});

        assertThat(code).isEqualTo(1);
        assertThat(err()).contains("Cannot read", "absent.jsonl");
    }

    private OfflineCli cli() {
        return new OfflineCli(settings -> new BagOfWordsEmbedder(64), new PrintStream(out), new PrintStream(err));
    }

    private Path trainingFile() throws IOException {
        List<String> lines = new ArrayList<>();
        for (String hard : List.of("prove the theorem about prime groups", "derive the integral of the polynomial",
                "prove the lemma on eigenvalues", "derive the proof of convergence of the integral",
                "prove the matrix is diagonal", "prove the polynomial has a root")) {
            lines.add("{\"prompt\":\"" + hard + "\",\"scores\":{\"big-model\":1,\"small-model\":0}}");
        }
        for (String easy : List.of("hello how are you", "translate good morning to french", "tell me a joke",
                "what is the weather today", "say hello to my friend", "thanks for the nice joke")) {
            lines.add("{\"prompt\":\"" + easy + "\",\"scores\":{\"big-model\":true,\"small-model\":true}}");
        }
        return write("train.jsonl", lines.toArray(String[]::new));
    }

    private Path write(String name, String... lines) throws IOException {
        return Files.write(dir.resolve(name), List.of(lines));
    }

    private List<JsonNode> outputLines() {
        return out.toString(StandardCharsets.UTF_8).lines().map(json::readTree).toList();
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
