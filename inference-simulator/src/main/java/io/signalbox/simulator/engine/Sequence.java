package io.signalbox.simulator.engine;

import org.jspecify.annotations.Nullable;

/**
 * One request inside the engine. Its schedule is fixed when it is admitted to the running batch; all times
 * are nanoseconds on the clock the engine is driven by.
 */
public final class Sequence {

    private final long id;

    private final int promptTokens;

    private final int outputTokens;

    private final long[] blockChain;

    private final @Nullable String adapter;

    private final long arrivedAt;

    private final int totalBlocks;

    private boolean admitted;

    private long admittedAt;

    private int cachedTokens;

    private long firstTokenAt;

    private long timePerOutputToken;

    private long finishedAt;

    private boolean cancelled;

    Sequence(long id, SequenceRequest request, long arrivedAt, int blockSize) {
        this.id = id;
        this.promptTokens = request.promptTokens();
        this.outputTokens = request.outputTokens();
        this.blockChain = request.blockChain();
        this.adapter = request.adapter();
        this.arrivedAt = arrivedAt;
        this.totalBlocks = (promptTokens + outputTokens + blockSize - 1) / blockSize;
    }

    void admit(long at, int cached, long firstToken, long tpot) {
        this.admitted = true;
        this.admittedAt = at;
        this.cachedTokens = cached;
        this.firstTokenAt = firstToken;
        this.timePerOutputToken = tpot;
        this.finishedAt = firstToken + tpot * outputTokens;
    }

    /**
     * Ends the sequence early at {@code at} (its client went away) and returns the output tokens decoded by
     * then: none before the first token, then one per decode step.
     */
    int cancel(long at) {
        cancelled = true;
        int decoded = at < firstTokenAt ? 0
                : (int) Math.min(outputTokens, 1 + (timePerOutputToken == 0 ? outputTokens
                        : (at - firstTokenAt) / timePerOutputToken));
        finishedAt = Math.min(finishedAt, at);
        return decoded;
    }

    /** Whether it ended early because its client went away. */
    public boolean cancelled() {
        return cancelled;
    }

    public long id() {
        return id;
    }

    public int promptTokens() {
        return promptTokens;
    }

    public int outputTokens() {
        return outputTokens;
    }

    long[] blockChain() {
        return blockChain;
    }

    int totalBlocks() {
        return totalBlocks;
    }

    public @Nullable String adapter() {
        return adapter;
    }

    public long arrivedAt() {
        return arrivedAt;
    }

    /** Whether it has left the waiting queue; the times below are meaningful only then. */
    public boolean admitted() {
        return admitted;
    }

    public long admittedAt() {
        return admittedAt;
    }

    /** {@code admittedAt - arrivedAt}: the time spent in the waiting queue. */
    public long queueWait() {
        return admittedAt - arrivedAt;
    }

    /** Prompt tokens served from the prefix cache ({@code usage.prompt_tokens_details.cached_tokens}). */
    public int cachedTokens() {
        return cachedTokens;
    }

    public long firstTokenAt() {
        return firstTokenAt;
    }

    /** {@code firstTokenAt - arrivedAt}. */
    public long timeToFirstToken() {
        return firstTokenAt - arrivedAt;
    }

    /** The decode step of this sequence, set by the batch size it joined. */
    public long timePerOutputToken() {
        return timePerOutputToken;
    }

    /** When the last token is decoded and the sequence leaves the batch: first token plus one step per token. */
    public long finishedAt() {
        return finishedAt;
    }

    @Override
    public String toString() {
        return "Sequence[" + id + (admitted ? " ttft=" + timeToFirstToken() + "ns" : " waiting") + "]";
    }
}
