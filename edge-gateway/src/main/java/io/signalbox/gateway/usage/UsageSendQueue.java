package io.signalbox.gateway.usage;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands usage events to Kafka's producer on one thread of its own, so that a request's thread never serializes
 * an event or waits for the producer. Bounded: when it is full, or stopped, {@link #offer} refuses and the caller
 * spools the event.
 *
 * <p>The thread takes what has gathered in batches. After it has emptied the queue it sleeps for
 * {@link #GATHER} before looking again, and only once it finds the queue still empty does it wait to be woken by
 * the next event. Under load no request wakes it: an executor's worker waiting on its queue is woken once per
 * event, one thread switch per request on the gateway's busy cores, for an event that the producer holds for its
 * {@code linger.ms} (20 ms) anyway. An event waits here at most {@code GATHER} longer than it would with a waiting
 * worker.
 */
final class UsageSendQueue {

    private static final Logger log = LoggerFactory.getLogger(UsageSendQueue.class);

    /** How long the thread lets events gather after emptying the queue. */
    static final Duration GATHER = Duration.ofMillis(5);

    private static final long GATHER_NANOS = GATHER.toNanos();

    private final ArrayBlockingQueue<Runnable> queue;

    private final Thread thread;

    /** True while the thread waits with no deadline: a new task must wake it. */
    private volatile boolean waiting;

    private volatile boolean stopping;

    /** The thread starts with the first task: a publisher that never sends leaves no thread behind. */
    private volatile boolean started;

    UsageSendQueue(int capacity, String threadName) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = Thread.ofPlatform().name(threadName).daemon().unstarted(this::run);
    }

    /** Queues the task; false when the queue is full or stopping, and then the task will not run. */
    boolean offer(Runnable task) {
        if (stopping) {
            return false;
        }
        if (!started) {
            // before the task is queued: a stop that finds no thread then knows that nothing was queued
            start();
        }
        if (!queue.offer(task)) {
            return false;
        }
        if (stopping && queue.remove(task)) {
            return false; // stopped while it was being queued: the thread may already have drained the queue
        }
        if (waiting) {
            LockSupport.unpark(thread);
        }
        return true;
    }

    private synchronized void start() {
        if (!started) {
            thread.start();
            started = true;
        }
    }

    private synchronized boolean hasStarted() {
        return started;
    }

    /** Tasks waiting for the thread. */
    int size() {
        return queue.size();
    }

    /** Refuses new tasks and waits up to {@code timeout} for the thread to run the queued ones; true if it did. */
    boolean stop(Duration timeout) throws InterruptedException {
        stopping = true;
        if (!hasStarted()) {
            return true; // nothing was ever queued
        }
        LockSupport.unpark(thread);
        return thread.join(timeout);
    }

    /**
     * Drops what is still queued and interrupts the thread (a send blocked in the producer gives up), then waits
     * up to {@code timeout} for it to end. The dropped tasks' events are the caller's to spool.
     */
    boolean abandon(Duration timeout) throws InterruptedException {
        stopping = true;
        queue.clear();
        if (!hasStarted()) {
            return true;
        }
        thread.interrupt();
        return thread.join(timeout);
    }

    private void run() {
        while (true) {
            Runnable task = queue.poll();
            if (task != null) {
                runSafely(task);
                continue;
            }
            if (stopping) {
                return;
            }
            LockSupport.parkNanos(this, GATHER_NANOS);
            if (queue.isEmpty()) {
                waiting = true;
                // read after announcing the wait: a task queued before it is seen here, one queued after wakes us
                if (queue.isEmpty() && !stopping) {
                    LockSupport.park(this);
                }
                waiting = false;
            }
        }
    }

    private static void runSafely(Runnable task) {
        try {
            task.run();
        }
        catch (Throwable failure) {
            // the task's event stays unacknowledged, so a shutdown spools it; the thread carries on
            log.error("A usage send failed unexpectedly", failure);
        }
    }

    /** For tests: whether the thread waits for the next task with no deadline. */
    boolean idle() {
        return waiting && thread.getState() == Thread.State.WAITING;
    }
}
