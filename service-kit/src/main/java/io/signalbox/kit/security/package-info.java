/**
 * Bearer-token access control for the servlet services. Admin paths take the admin token,
 * service-to-service paths the internal token (or the admin token). A request without a valid token
 * is answered 401 with an RFC 9457 problem; actuator health and metrics stay open for probes and
 * scrapers.
 */
@NullMarked
package io.signalbox.kit.security;

import org.jspecify.annotations.NullMarked;
