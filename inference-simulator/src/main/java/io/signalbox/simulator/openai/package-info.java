/**
 * The OpenAI-compatible HTTP surface of a simulated endpoint: request parsing, OpenAI's response, chunk and
 * error wire shapes, and the handlers that pace responses with the endpoint's latency model. The wire format
 * follows OpenAI's chat completions API closely enough for the official SDKs to parse it.
 */
@NullMarked
package io.signalbox.simulator.openai;

import org.jspecify.annotations.NullMarked;
