/**
 * Who may see which team's money. Roles (checked by service-kit's filter before a request gets here) decide
 * which paths a caller may use; a team-scoped credential is further confined to its own team, which only
 * this service can enforce because only it knows which rows belong to which team.
 */
@NullMarked
package io.signalbox.cost.access;

import org.jspecify.annotations.NullMarked;
