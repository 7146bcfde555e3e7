/**
 * Admin HTTP adapter for reading the audit log.
 */
@NullMarked
package io.signalbox.registry.audit.web;

import org.jspecify.annotations.NullMarked;
