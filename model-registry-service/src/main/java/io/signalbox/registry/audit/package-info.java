/**
 * The audit log: who created, changed or deleted what and when, with the state before and after
 * (secrets left out). Written in the transaction of the change, so the log and the catalog never
 * disagree.
 */
@NullMarked
package io.signalbox.registry.audit;

import org.jspecify.annotations.NullMarked;
