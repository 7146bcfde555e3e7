/** RFC 9457 problem shapes shared by the admin APIs of every service. */
@NullMarked
package io.signalbox.kit.problem;

import org.jspecify.annotations.NullMarked;
