package io.signalbox.gateway.calls;

import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.internal.ThreadExecutorMap;
import org.jspecify.annotations.Nullable;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;

/**
 * Timers kept by the event loop that starts them. {@code Mono.timeout(Duration)} and {@code Mono.delay} keep their
 * timers on Reactor's parallel scheduler: nearly every request that sets one wakes a scheduler thread (the timer
 * becomes the head of an otherwise empty queue, since the previous request's timer was cancelled), which then runs
 * on the same two busy cores as the request path, for a timer that almost never fires. A timer started here goes
 * into the calling event loop's own queue instead, which that loop checks anyway between reads; starting and
 * cancelling it involve no other thread, and what runs after it (a retry after its backoff) stays on that loop and
 * its connection pools ({@link LoopLocalPools}). Off the event loops (a test, a call made from some other thread)
 * the timers fall back to Reactor's.
 */
public final class LoopTimers {

    private LoopTimers() {
    }

    /**
     * {@code source}, or a {@link TimeoutException} when it has not answered within {@code limit} of being
     * subscribed to.
     */
    public static <T> Mono<T> within(Mono<T> source, Duration limit) {
        return source.timeout(after(limit));
    }

    /** Emits {@code 0} once {@code delay} has passed after subscription, then completes. */
    public static Mono<Long> after(Duration delay) {
        return new LoopDelay(delay.toNanos());
    }

    private static final class LoopDelay extends Mono<Long> {

        private final long nanos;

        LoopDelay(long nanos) {
            this.nanos = nanos;
        }

        @Override
        public void subscribe(CoreSubscriber<? super Long> actual) {
            EventExecutor loop = ThreadExecutorMap.currentExecutor();
            if (loop == null) {
                Mono.delay(Duration.ofNanos(nanos)).subscribe(actual);
                return;
            }
            Timer timer = new Timer(actual);
            actual.onSubscribe(timer);
            timer.start(loop, nanos);
        }
    }

    /** One timer: fires once unless cancelled first. */
    private static final class Timer implements org.reactivestreams.Subscription, Runnable {

        private static final AtomicIntegerFieldUpdater<Timer> STATE =
                AtomicIntegerFieldUpdater.newUpdater(Timer.class, "state");

        private static final int PENDING = 0;

        private static final int DONE = 1;

        private final CoreSubscriber<? super Long> actual;

        private volatile int state;

        private volatile @Nullable Future<?> future;

        Timer(CoreSubscriber<? super Long> actual) {
            this.actual = actual;
        }

        void start(EventExecutor loop, long nanos) {
            if (state != PENDING) {
                return; // cancelled in onSubscribe
            }
            try {
                future = loop.schedule(this, nanos, TimeUnit.NANOSECONDS);
            }
            catch (RejectedExecutionException shuttingDown) {
                if (STATE.compareAndSet(this, PENDING, DONE)) {
                    actual.onError(shuttingDown);
                }
                return;
            }
            if (state != PENDING) {
                cancelFuture(); // cancelled while it was being scheduled
            }
        }

        @Override
        public void run() {
            if (STATE.compareAndSet(this, PENDING, DONE)) {
                actual.onNext(0L);
                actual.onComplete();
            }
        }

        @Override
        public void request(long n) {
            // a timer emits one value; subscribers of a timeout request without bound
            Operators.validate(n);
        }

        @Override
        public void cancel() {
            if (STATE.compareAndSet(this, PENDING, DONE)) {
                cancelFuture();
            }
        }

        private void cancelFuture() {
            Future<?> scheduled = future;
            if (scheduled != null) {
                scheduled.cancel(false);
            }
        }
    }
}
