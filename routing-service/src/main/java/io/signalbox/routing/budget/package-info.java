/**
 * Budget state from cost-service ({@code signalbox.budget-status.v1}): the latest status of every budget, held
 * in memory, and the verdict for a request's tenant, team and key. A hard limit refuses the request; a soft
 * limit steps it down a quality tier.
 */
@NullMarked
package io.signalbox.routing.budget;

import org.jspecify.annotations.NullMarked;
