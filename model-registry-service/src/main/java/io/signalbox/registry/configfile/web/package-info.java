/**
 * Admin HTTP adapter for the configuration export and import.
 */
@NullMarked
package io.signalbox.registry.configfile.web;

import org.jspecify.annotations.NullMarked;
