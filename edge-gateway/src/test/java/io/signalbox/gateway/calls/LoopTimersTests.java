package io.signalbox.gateway.calls;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class LoopTimersTests {

    private final EventLoop loop = new DefaultEventLoop();

    @AfterEach
    void stopLoop() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Subscribes on the event loop, as the gateway's request handling does, and reports where it ended. */
    private <T> CompletableFuture<String> onLoop(Mono<T> mono) {
        CompletableFuture<String> outcome = new CompletableFuture<>();
        loop.execute(() -> mono.subscribe(
                value -> outcome.complete(value + " on " + Thread.currentThread().getName()),
                failure -> outcome.complete(failure.getClass().getSimpleName() + " on "
                        + Thread.currentThread().getName())));
        return outcome;
    }

    private String loopThread() throws Exception {
        return loop.submit(() -> Thread.currentThread().getName()).get();
    }

    @Test
    void aSourceThatDoesNotAnswerInTimeFailsWithATimeoutRaisedOnItsOwnEventLoop() throws Exception {
        String outcome = onLoop(LoopTimers.within(Mono.never(), Duration.ofMillis(50))).get(5, TimeUnit.SECONDS);

        assertThat(outcome).isEqualTo("TimeoutException on " + loopThread());
    }

    @Test
    void aSourceThatAnswersInTimeIsPassedThroughAndItsTimerNeverFires() throws Exception {
        // a bare subscriber, which (unlike Reactor's own) would still take a value that comes after its cancel
        AtomicReference<Long> fired = new AtomicReference<>();
        AtomicReference<Subscription> timer = new AtomicReference<>();
        loop.execute(() -> LoopTimers.after(Duration.ofMillis(100)).subscribe(new CoreSubscriber<Long>() {
            @Override
            public void onSubscribe(Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
                timer.set(subscription);
            }

            @Override
            public void onNext(Long tick) {
                fired.set(tick);
            }

            @Override
            public void onError(Throwable failure) {
            }

            @Override
            public void onComplete() {
            }
        }));
        // cancelled once it is scheduled, before its deadline, on its own loop
        loop.execute(() -> timer.get().cancel());
        String outcome = onLoop(LoopTimers.within(Mono.delay(Duration.ofMillis(20)).map(tick -> "answer"),
                Duration.ofMillis(300))).get(5, TimeUnit.SECONDS);

        assertThat(outcome).startsWith("answer on ");
        // a cancelled timer stays silent well past its deadline
        await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(2)).until(() -> fired.get() == null);
    }

    @Test
    void aDelayStartedOnAnEventLoopFiresOnThatLoopAfterItsDelay() throws Exception {
        long started = System.nanoTime();
        String outcome = onLoop(LoopTimers.after(Duration.ofMillis(80))).get(5, TimeUnit.SECONDS);
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertThat(outcome).isEqualTo("0 on " + loopThread());
        assertThat(tookMillis).as("not before its delay").isGreaterThanOrEqualTo(80);
    }

    @Test
    void offTheEventLoopsTheTimersStillWork() {
        assertThat(LoopTimers.after(Duration.ofMillis(10)).block(Duration.ofSeconds(5))).isZero();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Disposable waiting = LoopTimers.within(Mono.never(), Duration.ofMillis(20)).subscribe(null, failure::set);
        await().atMost(Duration.ofSeconds(5)).until(() -> failure.get() != null);
        assertThat(failure.get()).isInstanceOf(TimeoutException.class);
        waiting.dispose();
    }
}
