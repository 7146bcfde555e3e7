/**
 * When simulated tokens appear. Today a fixed TTFT/TPOT pair; queueing, batching and prefill that grows with
 * the uncached prompt belong here later, behind the same {@link io.signalbox.simulator.timing.LatencyModel}.
 */
@NullMarked
package io.signalbox.simulator.timing;

import org.jspecify.annotations.NullMarked;
