/**
 * Decisions: resolve what the client asked for (a route alias, a model name or a provider's model
 * id), filter out candidates that cannot serve, let the route's policy order the rest and expand
 * each model into concrete targets (pool endpoints, else the provider's API).
 */
@NullMarked
package io.signalbox.routing.decision;

import org.jspecify.annotations.NullMarked;
