/**
 * Routing policies: given a route's candidate models (already filtered by hard constraints), a
 * {@link io.signalbox.routing.policy.Policy} orders them, pick first, fallbacks after. Policies are
 * plugins found by their type name in the {@link io.signalbox.routing.policy.PolicyRegistry}; they
 * hold configuration only, never per-request state.
 */
@NullMarked
package io.signalbox.routing.policy;

import org.jspecify.annotations.NullMarked;
