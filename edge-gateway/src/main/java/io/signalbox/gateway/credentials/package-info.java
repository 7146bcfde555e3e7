/**
 * Credentials for hosted providers: fetched from the registry's internal API, held in memory, presented
 * upstream in the header each provider kind expects.
 */
@NullMarked
package io.signalbox.gateway.credentials;

import org.jspecify.annotations.NullMarked;
