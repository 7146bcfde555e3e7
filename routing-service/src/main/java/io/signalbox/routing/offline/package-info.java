/**
 * The offline mode of the routing-service jar ({@code java -jar routing-service-*-exec.jar offline ...}):
 * train a complexity head from a quality-labelled JSONL file and score prompt files with either
 * scorer, without starting the service. Documented in docs/routing.md.
 */
@NullMarked
package io.signalbox.routing.offline;

import org.jspecify.annotations.NullMarked;
