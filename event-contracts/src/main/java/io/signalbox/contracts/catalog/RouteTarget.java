package io.signalbox.contracts.catalog;

/** One target of a route's policy: a model and, for weighted routes, its relative weight. */
public record RouteTarget(String modelId, int weight) {
}
