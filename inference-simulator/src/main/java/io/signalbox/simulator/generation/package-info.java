/**
 * What a simulated model "says": the prompt as the simulator sees it, the token-count approximation, the
 * deterministic text generator and the arguments of its tool calls. No HTTP and no timing here, so a richer
 * model (prefix caching, LoRA) can reuse the same prompt and token accounting.
 */
@NullMarked
package io.signalbox.simulator.generation;

import org.jspecify.annotations.NullMarked;
