/**
 * What the cost service's HTTP APIs share: the CSV rendering of any tabular answer, exact money strings, and
 * RFC 9457 problems for bad report queries and for team-scoped callers reaching beyond their team.
 */
@NullMarked
package io.signalbox.cost.web;

import org.jspecify.annotations.NullMarked;
