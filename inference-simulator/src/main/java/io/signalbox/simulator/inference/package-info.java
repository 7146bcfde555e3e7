/**
 * What every inference API of an endpoint shares, whatever its wire format: reading and recording a request,
 * applying the endpoint's faults, generating the deterministic answer, scheduling it on the engine (and
 * taking it off when the client goes away), pacing tokens at the engine's times and writing server-sent
 * events. The {@code openai} and {@code anthropic} packages only parse their requests and write their shapes.
 */
@NullMarked
package io.signalbox.simulator.inference;

import org.jspecify.annotations.NullMarked;
