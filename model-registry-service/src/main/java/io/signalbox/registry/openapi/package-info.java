/**
 * The OpenAPI 3 document ({@code /v3/api-docs}) and Swagger UI, generated from the controllers and
 * completed with request examples, the bearer security scheme and the RFC 9457 problem answers.
 */
@NullMarked
package io.signalbox.registry.openapi;

import org.jspecify.annotations.NullMarked;
