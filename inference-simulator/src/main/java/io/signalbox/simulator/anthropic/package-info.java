/**
 * The Anthropic-compatible HTTP surface of a simulated endpoint: {@code POST /v1/messages}, whole and streamed,
 * in Anthropic's message, event and error shapes, so provider translation can be tested against it. Timing,
 * faults, generation and token counts come from the shared {@code inference} path, as for the OpenAI API.
 */
@NullMarked
package io.signalbox.simulator.anthropic;

import org.jspecify.annotations.NullMarked;
