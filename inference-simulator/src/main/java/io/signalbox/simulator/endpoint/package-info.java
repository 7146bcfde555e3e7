/**
 * One simulated endpoint: its configuration ({@link io.signalbox.simulator.endpoint.EndpointSpec}) and the
 * log of requests it received, which tests read to prove what reached the upstream.
 */
@NullMarked
package io.signalbox.simulator.endpoint;

import org.jspecify.annotations.NullMarked;
