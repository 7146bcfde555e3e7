package io.signalbox.simulator.engine;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeSet;

/**
 * A discrete-event model of one vLLM engine. Time only moves when the caller says so ({@link #submit},
 * {@link #advanceTo}), so the same calls with the same times always give the same schedule.
 *
 * <p>The model, per request:
 * <ol>
 * <li>it waits in a FCFS queue until a batch slot ({@code maxRunningSequences}), KV-cache room for its prompt
 *     plus its output, and a LoRA slot (if it names an adapter) are free; a request blocked only by LoRA slots
 *     is passed over, as vLLM's scheduler does, while one blocked by KV room stops admission;</li>
 * <li>once admitted, its prompt blocks are looked up in the prefix cache; only the uncached tokens are
 *     prefilled, at {@code prefillTokensPerSecond} on one prefill resource shared by the endpoint (concurrent
 *     prefills queue behind each other), plus the adapter load time when its adapter was not resident;</li>
 * <li>its first token comes the endpoint's base TTFT after its prefill ends, so
 *     TTFT = queue wait + prefill wait + uncached prefill + base TTFT;</li>
 * <li>each further token takes base TPOT plus {@code decodeSlowdownPerSequence} for every other sequence in
 *     the batch at the time it joined (fixed for its lifetime: a deliberate simplification that keeps the
 *     schedule computable at admission);</li>
 * <li>it leaves the batch, and frees its slot and its non-cached blocks, one step after its last token.</li>
 * </ol>
 * Not thread-safe: {@code EngineDriver} serialises access.
 */
public final class InferenceEngine {

    /** {@code vllm:time_to_first_token_seconds} buckets, as vLLM declares them. */
    static final double[] TTFT_BUCKETS_SECONDS = {0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5,
        0.75, 1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0, 160.0, 640.0, 2560.0};

    private final EngineSpec spec;

    private final long baseTtft;

    private final long baseTpot;

    private final KvCache cache;

    private final ArrayDeque<Sequence> waiting = new ArrayDeque<>();

    private final PriorityQueue<Sequence> running = new PriorityQueue<>(
            Comparator.comparingLong(Sequence::finishedAt).thenComparingLong(Sequence::id));

    /** Resident adapters, least recently used first, with how many running sequences use each. */
    private final LinkedHashMap<String, Integer> adapters = new LinkedHashMap<>(16, 0.75f, true);

    private long nextId;

    private long prefillFreeAt = Long.MIN_VALUE;

    private long promptTokensTotal;

    private long generationTokensTotal;

    private long prefixQueries;

    private long prefixHits;

    private long requestsFinished;

    private long requestsCancelled;

    private final long[] ttftBucketCounts = new long[TTFT_BUCKETS_SECONDS.length];

    private long ttftCount;

    private long ttftSumNanos;

    public InferenceEngine(EngineSpec spec, Duration baseTtft, Duration baseTpot) {
        this.spec = spec;
        this.baseTtft = baseTtft.toNanos();
        this.baseTpot = baseTpot.toNanos();
        this.cache = new KvCache(spec.kvCacheBlocks());
    }

    public EngineSpec spec() {
        return spec;
    }

    /**
     * A request arrives at {@code now}: the engine first catches up to {@code now}, then queues the request and
     * admits what fits. Every sequence admitted by this call, this one or earlier ones, is added to
     * {@code admitted} in admission order.
     */
    public Sequence submit(long now, SequenceRequest request, List<Sequence> admitted) {
        int totalTokens = request.promptTokens() + request.outputTokens();
        if (totalTokens > spec.kvCacheTokens()) {
            throw new IllegalArgumentException("a sequence of " + totalTokens + " tokens can never fit a KV cache of "
                    + spec.kvCacheTokens() + " tokens");
        }
        advanceTo(now, admitted);
        Sequence sequence = new Sequence(nextId++, request, now, spec.blockSize());
        waiting.addLast(sequence);
        admitWaiting(now, admitted);
        advanceTo(now, admitted);
        return sequence;
    }

    /**
     * Lets time pass until {@code now}: sequences finish in order of their end time, and each end admits what
     * then fits, at that end time.
     */
    public void advanceTo(long now, List<Sequence> admitted) {
        Sequence next = running.peek();
        while (next != null && next.finishedAt() <= now) {
            running.poll();
            finish(next);
            admitWaiting(next.finishedAt(), admitted);
            next = running.peek();
        }
    }

    /**
     * Ends a sequence whose client went away, at {@code now}: a waiting one leaves the queue, a running one
     * leaves the batch and frees its slot, its private blocks and its adapter reference at once (its prompt
     * blocks stay in the prefix cache), and what then fits is admitted. Output tokens decoded so far are
     * counted as generated. Returns {@code false}, changing nothing, when the sequence has already ended.
     * The prefill it may have reserved on the shared prefill resource is not given back (a simplification:
     * vLLM would stop its chunked prefill).
     */
    public boolean cancel(long now, Sequence sequence, List<Sequence> admitted) {
        advanceTo(now, admitted);
        if (!sequence.admitted()) {
            if (!waiting.remove(sequence)) {
                return false;
            }
            sequence.cancel(now);
            admitWaiting(now, admitted);
            return true;
        }
        if (!running.remove(sequence)) {
            return false;
        }
        int decoded = sequence.cancel(now);
        release(sequence, decoded);
        requestsCancelled++;
        admitWaiting(now, admitted);
        return true;
    }

    /** When the next running sequence ends, or {@link Long#MAX_VALUE} when none runs. */
    public long nextEventAt() {
        Sequence next = running.peek();
        return next == null ? Long.MAX_VALUE : next.finishedAt();
    }

    /** Sequences in the waiting queue. */
    public int waitingCount() {
        return waiting.size();
    }

    /** Whether this block hash is in the prefix cache (for tests of eviction). */
    public boolean isCached(long blockHash) {
        return cache.contains(blockHash);
    }

    public EngineStats stats() {
        TreeSet<String> runningAdapters = new TreeSet<>();
        for (Sequence sequence : running) {
            if (sequence.adapter() != null) {
                runningAdapters.add(sequence.adapter());
            }
        }
        TreeSet<String> waitingAdapters = new TreeSet<>();
        for (Sequence sequence : waiting) {
            if (sequence.adapter() != null) {
                waitingAdapters.add(sequence.adapter());
            }
        }
        return new EngineStats(running.size(), waiting.size(), cache.usedBlocks(), cache.cachedBlocks(),
                cache.capacity(), cache.evictions(), prefixQueries, prefixHits, promptTokensTotal,
                generationTokensTotal, requestsFinished, requestsCancelled, List.copyOf(runningAdapters),
                List.copyOf(waitingAdapters), spec.maxLoras(), ttftBucketCounts.clone(), ttftCount, ttftSumNanos);
    }

    private void admitWaiting(long at, List<Sequence> admitted) {
        Iterator<Sequence> queue = waiting.iterator();
        while (queue.hasNext() && running.size() < spec.maxRunningSequences()) {
            Sequence candidate = queue.next();
            String adapter = candidate.adapter();
            if (adapter != null && !adapterSlotFor(adapter)) {
                continue;
            }
            if (!cache.fits(candidate.blockChain(), candidate.totalBlocks())) {
                break;
            }
            queue.remove();
            admit(candidate, at);
            admitted.add(candidate);
        }
    }

    private boolean adapterSlotFor(String adapter) {
        if (adapters.containsKey(adapter) || adapters.size() < spec.maxLoras()) {
            return true;
        }
        return adapters.containsValue(0);
    }

    private void admit(Sequence sequence, long at) {
        long[] chain = sequence.blockChain();
        int hits = cache.cachedPrefixBlocks(chain);
        cache.allocate(chain, sequence.totalBlocks());
        int cachedTokens = Math.min(hits * spec.blockSize(), sequence.promptTokens() - 1);
        long loadTime = 0;
        String adapter = sequence.adapter();
        if (adapter != null) {
            loadTime = useAdapter(adapter);
        }
        long uncached = sequence.promptTokens() - cachedTokens;
        long prefill = spec.prefillTokensPerSecond() == 0 ? 0
                : Math.ceilDiv(uncached * 1_000_000_000L, spec.prefillTokensPerSecond());
        long prefillStart = Math.max(at, prefillFreeAt);
        long prefillEnd = prefillStart + loadTime + prefill;
        prefillFreeAt = prefillEnd;
        long tpot = baseTpot + spec.decodeSlowdownPerSequence().toNanos() * running.size();
        sequence.admit(at, cachedTokens, prefillEnd + baseTtft, tpot);
        running.add(sequence);
        prefixQueries += sequence.promptTokens();
        prefixHits += cachedTokens;
        promptTokensTotal += sequence.promptTokens();
        observeTtft(sequence.timeToFirstToken());
    }

    /** Makes the adapter resident (evicting the least recently used idle one) and returns its load time. */
    private long useAdapter(String adapter) {
        Integer users = adapters.get(adapter);
        if (users != null) {
            adapters.put(adapter, users + 1);
            return 0;
        }
        if (adapters.size() >= spec.maxLoras()) {
            Iterator<Map.Entry<String, Integer>> resident = adapters.entrySet().iterator();
            while (resident.hasNext()) {
                if (resident.next().getValue() == 0) {
                    resident.remove();
                    break;
                }
            }
        }
        adapters.put(adapter, 1);
        return spec.loraLoadTime().toNanos();
    }

    private void finish(Sequence sequence) {
        release(sequence, sequence.outputTokens());
        requestsFinished++;
    }

    private void release(Sequence sequence, int generatedTokens) {
        cache.release(sequence.blockChain(), sequence.totalBlocks());
        String adapter = sequence.adapter();
        if (adapter != null) {
            adapters.computeIfPresent(adapter, (name, users) -> users - 1);
        }
        generationTokensTotal += generatedTokens;
    }

    private void observeTtft(long nanos) {
        double seconds = nanos / 1e9;
        for (int index = 0; index < TTFT_BUCKETS_SECONDS.length; index++) {
            if (seconds <= TTFT_BUCKETS_SECONDS[index]) {
                ttftBucketCounts[index]++;
                break;
            }
        }
        ttftCount++;
        ttftSumNanos += nanos;
    }
}
