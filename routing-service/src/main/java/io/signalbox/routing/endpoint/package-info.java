/**
 * Endpoint picking inside self-hosted pools: live signals scraped from each endpoint's Prometheus
 * metrics, an approximate index of the prompt prefixes sent to each endpoint, and the picker that
 * filters, scores and orders a model's endpoints for one request.
 */
@NullMarked
package io.signalbox.routing.endpoint;

import org.jspecify.annotations.NullMarked;
