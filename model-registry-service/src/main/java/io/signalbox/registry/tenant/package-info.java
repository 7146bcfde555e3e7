/**
 * Tenants and their teams, the owners of virtual keys and the scopes of cost allocation.
 */
@NullMarked
package io.signalbox.registry.tenant;

import org.jspecify.annotations.NullMarked;
