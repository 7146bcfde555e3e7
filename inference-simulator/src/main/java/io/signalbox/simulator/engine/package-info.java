/**
 * The vLLM-like serving engine of one endpoint: continuous batching with a bounded number of running
 * sequences and a FCFS waiting queue, a paged KV cache with prefix reuse (a hash chain over full token blocks,
 * least recently used eviction), a single prefill resource that only spends time on uncached tokens, decode
 * steps that slow down as the batch grows, and LoRA adapter slots. It is a discrete-event model over explicit
 * nanosecond times with no threads and no clock of its own, so tests drive it deterministically and the server
 * drives it from the wall clock.
 */
@NullMarked
package io.signalbox.simulator.engine;

import org.jspecify.annotations.NullMarked;
