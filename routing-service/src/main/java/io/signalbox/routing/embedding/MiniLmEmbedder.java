package io.signalbox.routing.embedding;

import java.util.List;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/**
 * all-MiniLM-L6-v2 (quantised, 384 dimensions) running in ONNX Runtime inside this JVM. The model
 * ships in the dependency jar, so nothing is downloaded at runtime. Loading takes about a second and
 * some tens of megabytes, so a process should hold one instance ({@link #shared()}).
 */
public final class MiniLmEmbedder implements SentenceEmbedder {

    /** The vector length of all-MiniLM-L6-v2. */
    public static final int DIMENSION = 384;

    private final EmbeddingModel model;

    private MiniLmEmbedder(EmbeddingModel model) {
        this.model = model;
    }

    /** The process-wide instance, loaded on first use. */
    public static MiniLmEmbedder shared() {
        return Holder.INSTANCE;
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
        return Vectors.normalized(model.embed(text).content().vector());
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        if (texts.stream().anyMatch(String::isBlank)) {
            return SentenceEmbedder.super.embedAll(texts);
        }
        List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
        return model.embedAll(segments).content().stream()
                .map(embedding -> Vectors.normalized(embedding.vector()))
                .toList();
    }

    /** Lazy holder: the model loads when first asked for, once, thread-safely. */
    private static final class Holder {

        private static final MiniLmEmbedder INSTANCE = new MiniLmEmbedder(new AllMiniLmL6V2QuantizedEmbeddingModel());
    }
}
