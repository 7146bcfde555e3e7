/** Budget state that cost-service publishes and routing-service enforces. */
@NullMarked
package io.signalbox.contracts.budget;

import org.jspecify.annotations.NullMarked;
