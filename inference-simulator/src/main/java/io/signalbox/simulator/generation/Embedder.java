package io.signalbox.simulator.generation;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.SplittableRandom;

/**
 * Deterministic embeddings: a text always maps to the same unit vector, so tests can compare vectors across
 * retries and endpoints with the same seed, and similarity search over them is stable. The vector is drawn
 * from a standard normal distribution seeded by a SHA-256 of the endpoint's seed, the model and the text, then
 * scaled to length 1 (as OpenAI's embeddings are), which makes it uniformly distributed on the unit sphere.
 * Vectors of different texts carry no meaning: they are nearly orthogonal.
 */
public final class Embedder {

    private final long seed;

    /** @param seed the endpoint's seed; two endpoints with different seeds embed a text differently */
    public Embedder(long seed) {
        this.seed = seed;
    }

    /** The unit vector of {@code text} with {@code dimensions} components. */
    public float[] embed(String model, String text, int dimensions) {
        if (dimensions < 1) {
            throw new IllegalArgumentException("dimensions must be at least 1, was " + dimensions);
        }
        MessageDigest digest = TextGenerator.sha256();
        digest.update(ByteBuffer.allocate(Long.BYTES).putLong(seed).array());
        TextGenerator.update(digest, model);
        TextGenerator.update(digest, text);
        SplittableRandom random = new SplittableRandom(ByteBuffer.wrap(digest.digest()).getLong());
        double[] components = new double[dimensions];
        double squares = 0;
        for (int index = 0; index < dimensions; index++) {
            components[index] = random.nextGaussian();
            squares += components[index] * components[index];
        }
        double norm = Math.sqrt(squares);
        float[] vector = new float[dimensions];
        for (int index = 0; index < dimensions; index++) {
            vector[index] = (float) (components[index] / norm);
        }
        return vector;
    }
}
