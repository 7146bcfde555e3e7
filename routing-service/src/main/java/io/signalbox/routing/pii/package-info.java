/**
 * Sensitive-data detection for the hard constraint that keeps such requests on private endpoints.
 * {@link io.signalbox.routing.pii.PiiDetector} finds e-mail addresses, phone numbers, payment card
 * numbers (Luhn-checked), US social security numbers, UK national insurance numbers, German tax ids
 * (check digit verified) and secrets (API keys, tokens, private keys). It reports kinds and offsets,
 * never the matched text, so findings can be logged safely.
 */
@NullMarked
package io.signalbox.routing.pii;

import org.jspecify.annotations.NullMarked;
