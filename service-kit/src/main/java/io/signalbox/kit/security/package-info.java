/**
 * Access control for the servlet services. Admin paths take a credential with a role (the admin token,
 * named static tokens, or JWTs from the configured issuer): {@code viewer} reads, {@code finance} reads
 * the finance paths, {@code admin} also writes. Service-to-service paths take the internal token (or
 * {@code admin}). No valid credential: 401; a credential without the role: 403; both as RFC 9457
 * problems. Actuator health and metrics stay open for probes and scrapers. Controllers learn who is
 * calling from {@link io.signalbox.kit.security.SignalboxPrincipal}.
 */
@NullMarked
package io.signalbox.kit.security;

import org.jspecify.annotations.NullMarked;
