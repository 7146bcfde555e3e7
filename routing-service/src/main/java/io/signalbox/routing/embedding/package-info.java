/**
 * Sentence embeddings computed in-process, so that learned scorers and semantic routing make no
 * network call on the request path. {@link io.signalbox.routing.embedding.SentenceEmbedder} is the
 * seam: production uses {@link io.signalbox.routing.embedding.MiniLmEmbedder} (all-MiniLM-L6-v2,
 * quantised ONNX, from Maven Central); tests of pure logic use a deterministic stand-in.
 */
@NullMarked
package io.signalbox.routing.embedding;

import org.jspecify.annotations.NullMarked;
