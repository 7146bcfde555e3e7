package io.signalbox.simulator.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.signalbox.simulator.generation.Prompt;
import io.signalbox.simulator.generation.TokenCounter;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The engine on explicit times: every figure below is the engine's own computed schedule. */
class InferenceEngineTests {

    private static final long MS = 1_000_000L;

    private static final Duration TTFT = Duration.ofMillis(10);

    private static final Duration TPOT = Duration.ofMillis(5);

    private final List<Sequence> admitted = new ArrayList<>();

    @Test
    void repeatedLongPromptSkipsPrefillOfItsCachedBlocks() {
        InferenceEngine engine = engine(EngineSpec.unbounded().withPrefillTokensPerSecond(10_000));
        Prompt prompt = Prompt.user("x".repeat(8_000));

        Sequence cold = engine.submit(0, request(engine, prompt, 4), admitted);
        engine.advanceTo(cold.finishedAt(), admitted);
        Sequence warm = engine.submit(cold.finishedAt() + MS, request(engine, prompt, 4), admitted);

        int promptTokens = TokenCounter.promptTokens(prompt);
        assertThat(cold.cachedTokens()).isZero();
        assertThat(cold.timeToFirstToken()).isEqualTo(TTFT.toNanos() + promptTokens * 100_000L);
        assertThat(warm.cachedTokens()).isEqualTo((promptTokens - 1) / 16 * 16);
        assertThat(warm.timeToFirstToken())
                .isEqualTo(TTFT.toNanos() + (promptTokens - warm.cachedTokens()) * 100_000L)
                .isLessThan(cold.timeToFirstToken() / 10);
        EngineStats stats = engine.stats();
        assertThat(stats.prefixCacheQueries()).isEqualTo(2L * promptTokens);
        assertThat(stats.prefixCacheHits()).isEqualTo(warm.cachedTokens());
    }

    @Test
    void promptsSharingOnlyAPrefixReuseOnlyTheBlocksOfThatPrefix() {
        InferenceEngine engine = engine(EngineSpec.unbounded());
        String system = "s".repeat(640);
        Prompt first = Prompt.of(new Prompt.Message("system", null, system), new Prompt.Message("user", null,
                "a".repeat(400)));
        Prompt second = Prompt.of(new Prompt.Message("system", null, system), new Prompt.Message("user", null,
                "b".repeat(400)));

        engine.submit(0, request(engine, first, 1), admitted);
        Sequence other = engine.submit(MS, request(engine, second, 1), admitted);

        assertThat(other.cachedTokens()).isEqualTo(160);
    }

    @Test
    void queuesRequestsBeyondTheBatchLimitAndAdmitsThemWhenASequenceEnds() {
        InferenceEngine engine = engine(EngineSpec.unbounded().withMaxRunningSequences(2));

        Sequence one = engine.submit(0, request(engine, Prompt.user("one"), 10), admitted);
        Sequence two = engine.submit(0, request(engine, Prompt.user("two"), 20), admitted);
        Sequence three = engine.submit(0, request(engine, Prompt.user("three"), 10), admitted);

        assertThat(one.admitted()).isTrue();
        assertThat(two.admitted()).isTrue();
        assertThat(three.admitted()).isFalse();
        assertThat(engine.stats().running()).isEqualTo(2);
        assertThat(engine.stats().waiting()).isEqualTo(1);
        assertThat(engine.nextEventAt()).isEqualTo(one.finishedAt());

        admitted.clear();
        engine.advanceTo(one.finishedAt() + 3 * MS, admitted);

        assertThat(admitted).containsExactly(three);
        assertThat(three.admittedAt()).isEqualTo(one.finishedAt());
        assertThat(three.queueWait()).isEqualTo(one.finishedAt());
        assertThat(three.timeToFirstToken()).isEqualTo(one.finishedAt() + TTFT.toNanos());
        assertThat(engine.stats().waiting()).isZero();
    }

    @Test
    void cancellingARunningSequenceFreesItsSlotAndBlocksAndAdmitsTheNextAtOnce() {
        InferenceEngine engine = engine(EngineSpec.unbounded().withMaxRunningSequences(1));
        Sequence one = engine.submit(0, request(engine, Prompt.user("one ".repeat(40)), 100), admitted);
        Sequence two = engine.submit(0, request(engine, Prompt.user("two"), 10), admitted);
        long hangUp = one.firstTokenAt() + 3 * TPOT.toNanos();
        admitted.clear();

        assertThat(engine.cancel(hangUp, one, admitted)).isTrue();

        assertThat(one.cancelled()).isTrue();
        assertThat(admitted).containsExactly(two);
        assertThat(two.admittedAt()).as("admitted when the first left, not at its scheduled end").isEqualTo(hangUp);
        EngineStats stats = engine.stats();
        assertThat(stats.running()).isOne();
        assertThat(stats.usedBlocks()).isEqualTo(two.totalBlocks());
        assertThat(stats.requestsCancelled()).isOne();
        engine.advanceTo(two.finishedAt(), admitted);
        assertThat(engine.stats().generationTokens()).as("4 tokens of the cancelled one were decoded").isEqualTo(4 + 10);
        assertThat(engine.cancel(two.finishedAt(), two, admitted)).as("an ended sequence is not cancelled").isFalse();
        assertThat(engine.stats().requestsCancelled()).isOne();
    }

    @Test
    void cancellingAWaitingSequenceTakesItOutOfTheQueue() {
        InferenceEngine engine = engine(EngineSpec.unbounded().withMaxRunningSequences(1));
        Sequence one = engine.submit(0, request(engine, Prompt.user("one"), 10), admitted);
        Sequence two = engine.submit(0, request(engine, Prompt.user("two"), 10), admitted);

        assertThat(engine.cancel(MS, two, admitted)).isTrue();

        assertThat(engine.stats().waiting()).isZero();
        admitted.clear();
        engine.advanceTo(one.finishedAt(), admitted);
        assertThat(admitted).isEmpty();
        assertThat(two.admitted()).isFalse();
        assertThat(engine.stats().requestsCancelled()).as("only running sequences count").isZero();
    }

    @Test
    void aPrefillOnlySequenceEndsWhenItsPrefillEnds() {
        InferenceEngine engine = engine(EngineSpec.unbounded().withPrefillTokensPerSecond(1_000));
        Sequence embedding = engine.submit(0, request(engine, Prompt.user("embed me"), 0), admitted);

        assertThat(embedding.finishedAt()).isEqualTo(embedding.firstTokenAt())
                .isEqualTo(embedding.promptTokens() * MS + TTFT.toNanos());
        engine.advanceTo(embedding.finishedAt(), admitted);
        assertThat(engine.stats().running()).isZero();
        assertThat(engine.stats().generationTokens()).isZero();
    }

    @Test
    void decodeSlowsDownWithEveryOtherSequenceInTheBatch() {
        InferenceEngine engine = engine(EngineSpec.unbounded().withDecodeSlowdownPerSequence(Duration.ofMillis(1)));

        Sequence alone = engine.submit(0, request(engine, Prompt.user("a"), 10), admitted);
        Sequence second = engine.submit(0, request(engine, Prompt.user("b"), 10), admitted);
        Sequence third = engine.submit(0, request(engine, Prompt.user("c"), 10), admitted);

        assertThat(alone.timePerOutputToken()).isEqualTo(TPOT.toNanos());
        assertThat(second.timePerOutputToken()).isEqualTo(TPOT.toNanos() + MS);
        assertThat(third.timePerOutputToken()).isEqualTo(TPOT.toNanos() + 2 * MS);
        assertThat(third.finishedAt()).isEqualTo(TTFT.toNanos() + 10 * (TPOT.toNanos() + 2 * MS));
    }

    @Test
    void concurrentPrefillsShareOnePrefillResource() {
        InferenceEngine engine = engine(EngineSpec.unbounded().withPrefillTokensPerSecond(1_000));

        Sequence first = engine.submit(0, request(engine, Prompt.user("p".repeat(400)), 1), admitted);
        Sequence second = engine.submit(0, request(engine, Prompt.user("q".repeat(400)), 1), admitted);

        long prefill = first.promptTokens() * MS;
        assertThat(first.timeToFirstToken()).isEqualTo(prefill + TTFT.toNanos());
        assertThat(second.timeToFirstToken()).isEqualTo(prefill + second.promptTokens() * MS + TTFT.toNanos());
    }

    @Test
    void evictsTheLeastRecentlyFreedBlocksWhenTheCacheIsFull() {
        // 16 blocks of 4 tokens. a and b: 23 prompt tokens, 5 hashed blocks, 8 blocks with the answer; c: 36
        // prompt tokens, 8 hashed blocks, 11 in all, so it needs 5 of the 10 cached blocks.
        InferenceEngine engine = engine(EngineSpec.unbounded().withKvCache(16, 4));
        Prompt a = Prompt.user("a".repeat(64));
        Prompt b = Prompt.user("b".repeat(64));
        Prompt c = Prompt.user("c".repeat(116));
        long[] chainA = chain(a, 4);
        long[] chainB = chain(b, 4);

        long at = run(engine, a, 0);
        at = run(engine, b, at);
        assertThat(blocks(chainA)).allMatch(engine::isCached);
        assertThat(blocks(chainB)).allMatch(engine::isCached);

        run(engine, c, at);

        assertThat(blocks(chainA)).as("least recently freed: evicted").noneMatch(engine::isCached);
        assertThat(blocks(chainB)).as("freed later: kept").allMatch(engine::isCached);
        assertThat(blocks(chain(c, 4))).hasSize(8).allMatch(engine::isCached);
        assertThat(engine.stats().evictions()).isEqualTo(5);
    }

    @Test
    void evictsTheTailOfAPromptBeforeItsHead() {
        // 16 blocks of 4 tokens: a leaves 5 cached blocks, z needs 12, so one of a's blocks goes.
        InferenceEngine engine = engine(EngineSpec.unbounded().withKvCache(16, 4));
        Prompt a = Prompt.user("a".repeat(64));
        long[] chainA = chain(a, 4);

        long at = run(engine, a, 0);
        run(engine, Prompt.user("z".repeat(128)), at);

        assertThat(engine.isCached(chainA[0])).as("head of the older prompt kept").isTrue();
        assertThat(engine.isCached(chainA[chainA.length - 1])).as("its tail evicted first").isFalse();
    }

    @Test
    void waitsForKvCacheRoomEvenWithFreeBatchSlots() {
        InferenceEngine engine = engine(EngineSpec.unbounded().withKvCache(10, 4));

        Sequence big = engine.submit(0, request(engine, Prompt.user("x".repeat(100)), 5), admitted);
        Sequence next = engine.submit(MS, request(engine, Prompt.user("y".repeat(60)), 5), admitted);

        assertThat(big.admitted()).isTrue();
        assertThat(next.admitted()).isFalse();
        assertThat(engine.stats().kvCacheUsage()).isGreaterThan(0.5);
        engine.advanceTo(big.finishedAt(), admitted);
        assertThat(next.admittedAt()).isEqualTo(big.finishedAt());
    }

    @Test
    void loadsAnAdapterOnceAndPassesOverRequestsWaitingForAnAdapterSlot() {
        InferenceEngine engine = engine(EngineSpec.unbounded().withLoras(1, Duration.ofMillis(50)));

        Sequence sql = engine.submit(0, request(engine, Prompt.user("q1"), 10, "sql"), admitted);
        Sequence sqlAgain = engine.submit(0, request(engine, Prompt.user("q2"), 10, "sql"), admitted);
        Sequence chat = engine.submit(0, request(engine, Prompt.user("q3"), 10, "chat"), admitted);
        Sequence base = engine.submit(0, request(engine, Prompt.user("q4"), 10, null), admitted);

        assertThat(sql.timeToFirstToken()).isEqualTo(50 * MS + TTFT.toNanos());
        assertThat(sqlAgain.admitted()).isTrue();
        assertThat(sqlAgain.timeToFirstToken()).as("resident: no load, but behind the load on the prefill resource")
                .isEqualTo(50 * MS + TTFT.toNanos());
        assertThat(chat.admitted()).as("the only adapter slot is busy").isFalse();
        assertThat(base.admitted()).as("the base model needs no slot").isTrue();
        EngineStats stats = engine.stats();
        assertThat(stats.runningAdapters()).containsExactly("sql");
        assertThat(stats.waitingAdapters()).containsExactly("chat");

        engine.advanceTo(Math.max(sql.finishedAt(), sqlAgain.finishedAt()), admitted);
        assertThat(chat.admitted()).isTrue();
        assertThat(chat.timeToFirstToken() - chat.queueWait()).isEqualTo(50 * MS + TTFT.toNanos());
    }

    @Test
    void recordsTimeToFirstTokenInVllmsBuckets() {
        InferenceEngine engine = engine(EngineSpec.unbounded());

        engine.submit(0, request(engine, Prompt.user("hi"), 1), admitted);

        EngineStats stats = engine.stats();
        assertThat(stats.ttftCount()).isEqualTo(1);
        assertThat(stats.ttftSumNanos()).isEqualTo(TTFT.toNanos());
        assertThat(stats.ttftBucketCounts()[2]).as("0.01 s bucket").isEqualTo(1);
    }

    @Test
    void refusesASequenceThatCouldNeverFitTheCache() {
        InferenceEngine engine = engine(EngineSpec.unbounded().withKvCache(2, 4));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> engine.submit(0, request(engine, Prompt.user("x".repeat(40)), 1), admitted))
                .withMessageContaining("can never fit a KV cache of 8 tokens");
    }

    /** Runs one request from {@code at} to its end, returns the end. */
    private long run(InferenceEngine engine, Prompt prompt, long at) {
        Sequence sequence = engine.submit(at, request(engine, prompt, 8), admitted);
        assertThat(sequence.admitted()).isTrue();
        engine.advanceTo(sequence.finishedAt(), admitted);
        return sequence.finishedAt() + MS;
    }

    private static InferenceEngine engine(EngineSpec spec) {
        return new InferenceEngine(spec, TTFT, TPOT);
    }

    private static SequenceRequest request(InferenceEngine engine, Prompt prompt, int outputTokens) {
        return request(engine, prompt, outputTokens, null);
    }

    private static SequenceRequest request(InferenceEngine engine, Prompt prompt, int outputTokens,
            @Nullable String adapter) {
        return new SequenceRequest(TokenCounter.promptTokens(prompt), outputTokens,
                chain(prompt, engine.spec().blockSize()), adapter);
    }

    private static List<Long> blocks(long[] chain) {
        return Arrays.stream(chain).boxed().toList();
    }

    private static long[] chain(Prompt prompt, int blockSize) {
        return PrefixHasher.chain("m", prompt, TokenCounter.promptTokens(prompt), blockSize);
    }
}
