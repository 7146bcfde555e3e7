/**
 * Admin HTTP adapter for tenants and teams.
 */
@NullMarked
package io.signalbox.registry.tenant.web;

import org.jspecify.annotations.NullMarked;
