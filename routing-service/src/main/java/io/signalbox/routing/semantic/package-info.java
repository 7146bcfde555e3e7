/**
 * Semantic routing: a route lists example utterances per category ("refund", "code review", ...);
 * a prompt goes to the category of its most similar exemplar (cosine similarity of sentence
 * embeddings), or to the default category when nothing is similar enough. The category then names
 * the model or tier to use.
 */
@NullMarked
package io.signalbox.routing.semantic;

import org.jspecify.annotations.NullMarked;
