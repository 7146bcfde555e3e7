/**
 * HTTP adapter of statements: {@code GET} (finance, or the team's own scoped credential) and {@code POST}
 * to issue (admin), JSON or CSV, RFC 9457 problems.
 */
@NullMarked
package io.signalbox.cost.statement.web;

import org.jspecify.annotations.NullMarked;
