/**
 * Fault injection per endpoint: errors, rate limiting, added latency, outage windows, cut streams and slow
 * first tokens, configured at start or at run time through {@code /sim/faults}, and drawn from a seeded
 * random sequence so a test sees the same faults in the same order every run.
 */
@NullMarked
package io.signalbox.simulator.faults;

import org.jspecify.annotations.NullMarked;
