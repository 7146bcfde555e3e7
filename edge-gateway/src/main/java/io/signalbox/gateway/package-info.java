/**
 * The edge gateway: the one OpenAI-compatible endpoint applications call. AI traffic
 * ({@code /v1/*}) is served by purpose-built handlers because every request's target is chosen per
 * request by routing-service and failover must know whether the first byte has reached the client;
 * the admin and report APIs ({@code /api/v1/*}) are plain Spring Cloud Gateway routes to the services
 * that own them. See docs/adr/0002-gateway-ai-traffic-handlers.md.
 */
@NullMarked
package io.signalbox.gateway;

import org.jspecify.annotations.NullMarked;
