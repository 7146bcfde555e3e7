package io.signalbox.simulator.faults;

import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * Decides, request by request, which fault applies. The draws come from one random sequence seeded by
 * {@link FaultSpec#seed()} and restarted whenever new faults are set, so the n-th request after a
 * {@link #set} always meets the same fault.
 */
public final class FaultInjector {

    private final LongSupplier clock;

    private FaultSpec spec;

    private SplittableRandom random;

    private long setAt;

    /**
     * @param initial the faults from configuration
     * @param clock nanoseconds, monotonic
     */
    public FaultInjector(FaultSpec initial, LongSupplier clock) {
        this.clock = clock;
        set(initial);
    }

    /** Replaces the faults; outage windows and the random sequence start again now. */
    public synchronized void set(FaultSpec faults) {
        this.spec = faults;
        this.random = new SplittableRandom(faults.seed());
        this.setAt = clock.getAsLong();
    }

    public synchronized FaultSpec current() {
        return spec;
    }

    /** The fault for the next request. */
    public synchronized Fault next() {
        if (spec.isNone()) {
            return Fault.NONE;
        }
        long since = clock.getAsLong() - setAt;
        for (FaultSpec.Window window : spec.outages()) {
            if (window.contains(since)) {
                return new Fault(Fault.Kind.OUTAGE, spec);
            }
        }
        double rateLimitDraw = random.nextDouble();
        double errorDraw = random.nextDouble();
        if (rateLimitDraw < spec.rateLimitRate()) {
            return new Fault(Fault.Kind.RATE_LIMITED, spec);
        }
        if (errorDraw < spec.errorRate()) {
            return new Fault(Fault.Kind.ERROR, spec);
        }
        return new Fault(Fault.Kind.DEGRADED, spec);
    }

    /**
     * What happens to one request.
     *
     * @param kind refused (outage, rate limit, error) or answered, possibly slower or cut
     * @param spec the faults in force
     */
    public record Fault(Kind kind, FaultSpec spec) {

        static final Fault NONE = new Fault(Kind.DEGRADED, FaultSpec.none());

        /** Answered with an error instead of an answer: everything but {@link #DEGRADED}. */
        public boolean refuses() {
            return kind != Kind.DEGRADED;
        }

        /** The kinds of fault. */
        public enum Kind {
            /** Inside an outage window: 503. */
            OUTAGE,
            /** 429 with {@code Retry-After}. */
            RATE_LIMITED,
            /** The configured server error status. */
            ERROR,
            /** Answered, with any added latency, slow first token and stream cut. */
            DEGRADED
        }
    }
}
