/**
 * The HTTP face of the decision engine: {@code POST /v1/decisions} and {@code GET /v1/models},
 * guarded by the internal token, with every failure answered as an RFC 9457 problem.
 */
@NullMarked
package io.signalbox.routing.decision.web;

import org.jspecify.annotations.NullMarked;
