package io.signalbox.simulator.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Runs an {@link InferenceEngine} on the wall clock for the HTTP layer: every call catches the engine up to
 * now under one lock, and a timer wakes it at the next sequence end only while requests are waiting (only
 * then can an end change anything a client sees). Callbacks run after the lock is released, so a slow
 * consumer never holds up the engine.
 */
public final class EngineDriver {

    private final InferenceEngine engine;

    private final Scheduler timer;

    private final LongSupplier clock;

    private final Map<Long, Consumer<Sequence>> waitingListeners = new HashMap<>();

    private long wakeAt = Long.MAX_VALUE;

    /**
     * @param engine the engine to drive
     * @param timer where wake-ups run
     * @param clock nanoseconds, monotonic ({@code System::nanoTime})
     */
    public EngineDriver(InferenceEngine engine, Scheduler timer, LongSupplier clock) {
        this.engine = engine;
        this.timer = timer;
        this.clock = clock;
    }

    /**
     * Queues a request; the Mono emits its sequence once it is admitted to the batch, with its schedule.
     * Cancelling the Mono before then takes the request out of the queue.
     */
    public Mono<Sequence> schedule(SequenceRequest request) {
        return Mono.create(sink -> {
            Sequence sequence = submit(request, sink::success);
            sink.onCancel(() -> cancel(sequence));
        });
    }

    /**
     * Runs {@code body} with the sequences of {@code requests} once all are admitted, and keeps them in the
     * batch until their scheduled end, unless {@code body} is cancelled or fails first (the client went away,
     * or its connection broke): then they leave the batch at once and free their slots and KV blocks, as vLLM
     * aborts the request of a closed connection. A body that completes normally leaves the sequences to end on
     * schedule, so an answer sent a little early never shortens the engine's model of it.
     */
    public <T> Flux<T> run(List<SequenceRequest> requests, Function<List<Sequence>, Publisher<T>> body) {
        Mono<List<Sequence>> admitted = requests.size() == 1 ? schedule(requests.getFirst()).map(List::of)
                : Flux.fromIterable(requests).flatMapSequential(this::schedule).collectList();
        return Flux.usingWhen(admitted, body, sequences -> Mono.empty(),
                (sequences, error) -> Mono.fromRunnable(() -> sequences.forEach(this::cancel)),
                sequences -> Mono.fromRunnable(() -> sequences.forEach(this::cancel)));
    }

    /** Queues a request and calls {@code onAdmitted} when it joins the batch (at once if it fits now). */
    public Sequence submit(SequenceRequest request, Consumer<Sequence> onAdmitted) {
        List<Sequence> admitted = new ArrayList<>(1);
        List<Consumer<Sequence>> listeners;
        Sequence sequence;
        synchronized (this) {
            long now = clock.getAsLong();
            sequence = engine.submit(now, request, admitted);
            if (!sequence.admitted()) {
                waitingListeners.put(sequence.id(), onAdmitted);
            }
            listeners = listenersOf(admitted, sequence, onAdmitted);
            wakeUpIfWaiting(now);
        }
        notify(admitted, listeners);
        return sequence;
    }

    /**
     * Ends a sequence now because its client went away (see {@link InferenceEngine#cancel}); does nothing when
     * it has already ended.
     */
    public void cancel(Sequence sequence) {
        List<Sequence> admitted = new ArrayList<>();
        List<Consumer<Sequence>> listeners;
        synchronized (this) {
            long now = clock.getAsLong();
            engine.cancel(now, sequence, admitted);
            listeners = listenersOf(admitted, null, null);
            waitingListeners.remove(sequence.id());
            wakeUpIfWaiting(now);
        }
        notify(admitted, listeners);
    }

    /** The engine's state now. */
    public EngineStats stats() {
        List<Sequence> admitted = new ArrayList<>();
        List<Consumer<Sequence>> listeners;
        EngineStats stats;
        synchronized (this) {
            long now = clock.getAsLong();
            engine.advanceTo(now, admitted);
            listeners = listenersOf(admitted, null, null);
            stats = engine.stats();
            wakeUpIfWaiting(now);
        }
        notify(admitted, listeners);
        return stats;
    }

    /** The clock the schedule's times are on. */
    public long now() {
        return clock.getAsLong();
    }

    /** How long from now until a time on this driver's clock; zero when it has passed. */
    public Duration until(long nanos) {
        return Duration.ofNanos(Math.max(0, nanos - clock.getAsLong()));
    }

    public EngineSpec spec() {
        return engine.spec();
    }

    private void tick() {
        List<Sequence> admitted = new ArrayList<>();
        List<Consumer<Sequence>> listeners;
        synchronized (this) {
            wakeAt = Long.MAX_VALUE;
            long now = clock.getAsLong();
            engine.advanceTo(now, admitted);
            listeners = listenersOf(admitted, null, null);
            wakeUpIfWaiting(now);
        }
        notify(admitted, listeners);
    }

    private List<Consumer<Sequence>> listenersOf(List<Sequence> admitted, @Nullable Sequence submitted,
            @Nullable Consumer<Sequence> submittedListener) {
        List<Consumer<Sequence>> listeners = new ArrayList<>(admitted.size());
        for (Sequence sequence : admitted) {
            Consumer<Sequence> listener = sequence == submitted ? submittedListener
                    : waitingListeners.remove(sequence.id());
            listeners.add(Objects.requireNonNull(listener, "listener of an admitted sequence"));
        }
        return listeners;
    }

    private void wakeUpIfWaiting(long now) {
        if (engine.waitingCount() == 0) {
            return;
        }
        long next = engine.nextEventAt();
        if (next < wakeAt) {
            wakeAt = next;
            timer.schedule(this::tick, Math.max(0, next - now), TimeUnit.NANOSECONDS);
        }
    }

    private static void notify(List<Sequence> admitted, List<Consumer<Sequence>> listeners) {
        for (int index = 0; index < admitted.size(); index++) {
            listeners.get(index).accept(admitted.get(index));
        }
    }
}
