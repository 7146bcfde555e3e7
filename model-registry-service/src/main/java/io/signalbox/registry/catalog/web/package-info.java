/**
 * Internal HTTP adapter serving the catalog snapshot to routing-service and the gateway.
 */
@NullMarked
package io.signalbox.registry.catalog.web;

import org.jspecify.annotations.NullMarked;
