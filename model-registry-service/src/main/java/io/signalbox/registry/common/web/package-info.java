/**
 * Maps the registry's domain exceptions and Spring MVC's own errors to RFC 9457 problem details with
 * stable {@code type} URIs, so clients can branch on the type rather than parse messages.
 */
@NullMarked
package io.signalbox.registry.common.web;

import org.jspecify.annotations.NullMarked;
