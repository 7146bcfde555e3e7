/**
 * Monthly showback/chargeback statements per team: the team's spend of a calendar month (UTC) per model
 * and currency. A draft is computed from the rollups whenever it is read; issuing freezes it, and an issued
 * statement never changes. A correction (after a re-pricing) is a new revision naming the one it corrects.
 */
@NullMarked
package io.signalbox.cost.statement;

import org.jspecify.annotations.NullMarked;
