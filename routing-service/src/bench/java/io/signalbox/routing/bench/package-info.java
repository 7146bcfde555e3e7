/**
 * On-demand benchmarks, compiled and run only with the {@code routing-bench} Maven profile (see
 * docs/benchmarks.md); never part of the normal build.
 */
@NullMarked
package io.signalbox.routing.bench;

import org.jspecify.annotations.NullMarked;
