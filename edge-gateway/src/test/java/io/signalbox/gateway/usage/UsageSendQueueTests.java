package io.signalbox.gateway.usage;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class UsageSendQueueTests {

    private final List<String> ran = new CopyOnWriteArrayList<>();

    private UsageSendQueue queue;

    @AfterEach
    void stop() throws InterruptedException {
        if (queue != null) {
            queue.abandon(Duration.ofSeconds(5));
        }
    }

    private Runnable recording(String name) {
        return () -> ran.add(name + "@" + Thread.currentThread().getName());
    }

    private static Runnable blockedUntil(CountDownLatch release) {
        return () -> {
            try {
                release.await();
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        };
    }

    @Test
    void runsEveryTaskInTheOrderItWasQueuedOnItsOwnThread() {
        queue = new UsageSendQueue(2_000, "usage-send-test");

        IntStream.range(0, 1_000).forEach(i -> assertThat(queue.offer(recording("t" + i))).isTrue());

        await().atMost(Duration.ofSeconds(10)).until(() -> ran.size() == 1_000);
        assertThat(ran).containsExactlyElementsOf(IntStream.range(0, 1_000)
                .mapToObj(i -> "t" + i + "@usage-send-test").toList());
    }

    @Test
    void aThreadWaitingForWorkIsWokenByTheNextTask() {
        queue = new UsageSendQueue(10, "usage-send-test");
        queue.offer(recording("first"));
        await().atMost(Duration.ofSeconds(5)).until(() -> ran.size() == 1);
        // past the gathering sleep: now it waits with no deadline, and only an offer can wake it
        await().atMost(Duration.ofSeconds(5)).until(queue::idle);

        queue.offer(recording("second"));

        await().atMost(Duration.ofSeconds(5)).until(() -> ran.size() == 2);
        assertThat(ran).containsExactly("first@usage-send-test", "second@usage-send-test");
    }

    @Test
    void refusesTasksWhileItsQueueIsFullAndTakesThemAgainOnceThereIsRoom() throws Exception {
        queue = new UsageSendQueue(2, "usage-send-test");
        CountDownLatch release = new CountDownLatch(1);
        queue.offer(blockedUntil(release));
        await().atMost(Duration.ofSeconds(5)).until(() -> queue.size() == 0);

        assertThat(queue.offer(recording("a"))).isTrue();
        assertThat(queue.offer(recording("b"))).isTrue();
        assertThat(queue.offer(recording("refused"))).as("full").isFalse();
        release.countDown();

        await().atMost(Duration.ofSeconds(5)).until(() -> ran.size() == 2);
        assertThat(queue.offer(recording("c"))).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> ran.size() == 3);
        assertThat(ran).extracting(entry -> entry.substring(0, entry.indexOf('@'))).containsExactly("a", "b", "c");
    }

    @Test
    void stoppingRunsWhatIsQueuedAndRefusesWhatComesAfter() throws Exception {
        queue = new UsageSendQueue(10, "usage-send-test");
        CountDownLatch release = new CountDownLatch(1);
        queue.offer(blockedUntil(release));
        queue.offer(recording("queued-1"));
        queue.offer(recording("queued-2"));

        AtomicBoolean stopped = new AtomicBoolean();
        Thread stopper = Thread.ofPlatform().start(() -> {
            try {
                stopped.set(queue.stop(Duration.ofSeconds(10)));
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        });
        // the stopper waits for the queue's thread, which is held up by the first task
        await().atMost(Duration.ofSeconds(5)).until(() -> stopper.getState() == Thread.State.TIMED_WAITING);
        assertThat(queue.offer(recording("too-late"))).as("refused once stopping").isFalse();
        release.countDown();
        stopper.join(TimeUnit.SECONDS.toMillis(10));

        assertThat(stopped).as("stopped within its timeout").isTrue();
        assertThat(ran).extracting(entry -> entry.substring(0, entry.indexOf('@')))
                .containsExactly("queued-1", "queued-2");
    }

    @Test
    void abandoningDropsWhatIsQueuedAndInterruptsTheTaskThatIsRunning() throws Exception {
        queue = new UsageSendQueue(10, "usage-send-test");
        AtomicBoolean interrupted = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(1);
        queue.offer(() -> {
            started.countDown();
            try {
                new CountDownLatch(1).await();
            }
            catch (InterruptedException ex) {
                interrupted.set(true);
            }
        });
        started.await(5, TimeUnit.SECONDS);
        queue.offer(recording("dropped"));

        assertThat(queue.abandon(Duration.ofSeconds(5))).as("the thread ended").isTrue();
        assertThat(interrupted).isTrue();
        assertThat(ran).isEmpty();
        assertThat(queue.offer(recording("after"))).isFalse();
    }

    @Test
    void aQueueThatNeverHadATaskStartsNoThreadAndStopsAtOnce() throws Exception {
        queue = new UsageSendQueue(10, "usage-send-unused");

        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .doesNotContain("usage-send-unused");
        assertThat(queue.stop(Duration.ofSeconds(1))).isTrue();
        assertThat(queue.abandon(Duration.ofSeconds(1))).isTrue();
        assertThat(queue.offer(recording("after"))).isFalse();
    }

    @Test
    void aTaskThatThrowsDoesNotStopTheOnesAfterIt() {
        queue = new UsageSendQueue(10, "usage-send-test");

        queue.offer(() -> {
            throw new IllegalStateException("a send that blew up");
        });
        queue.offer(recording("after"));

        await().atMost(Duration.ofSeconds(5)).until(() -> ran.size() == 1);
        assertThat(ran).containsExactly("after@usage-send-test");
    }
}
