package io.signalbox.routing.embedding;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code signalbox.routing.embedding.*}: how the in-process MiniLM embedder of semantic and learned-complexity
 * routes runs.
 *
 * @param maxTokens the longest part of a user turn that is embedded, in tokens; what bounds the latency of such
 *     a decision (about 4 ms at 64 tokens and 8 ms at 128 on one core of the reference machine). Heads should be
 *     trained with the same cap ({@code train --max-tokens}).
 * @param intraOpThreads threads one embedding may use, the request's own included
 */
@Validated
@ConfigurationProperties("signalbox.routing.embedding")
public record EmbeddingProperties(
        @DefaultValue("" + MiniLmEmbedder.Settings.DEFAULT_MAX_TOKENS) @Min(3) @Max(MiniLmEmbedder.MODEL_MAX_TOKENS)
        int maxTokens,
        @DefaultValue("1") @Min(1) int intraOpThreads) {

    public MiniLmEmbedder.Settings settings() {
        return new MiniLmEmbedder.Settings(maxTokens, intraOpThreads);
    }
}
