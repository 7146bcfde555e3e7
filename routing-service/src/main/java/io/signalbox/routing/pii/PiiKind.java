package io.signalbox.routing.pii;

/** The kinds of sensitive data {@link PiiDetector} recognises; the names are stable configuration values. */
public enum PiiKind {

    /** An e-mail address with a dotted domain and a top-level domain of two or more letters. */
    EMAIL,

    /**
     * A phone number written as one: international ({@code +} and 8-15 digits, E.164) or North American
     * ({@code (415) 555-0132}, {@code 415-555-0132}, {@code 415.555.0132}). Bare digit runs are not phone numbers.
     */
    PHONE,

    /** A payment card number: 13-19 digits (optionally grouped by spaces or dashes), a major network's leading digit, valid Luhn check digit. */
    PAYMENT_CARD,

    /** A US social security number, {@code AAA-GG-SSSS}, excluding the never-issued areas 000, 666, 900-999 and zero groups/serials. */
    US_SSN,

    /** A UK national insurance number, {@code AB 12 34 56 C}, with the official prefix letter rules. */
    UK_NINO,

    /** A German tax identification number (Steuer-ID): 11 digits, ISO 7064 MOD 11,10 check digit and the digit-repetition rule. */
    DE_TAX_ID,

    /** A credential: cloud and SaaS API keys, access tokens, JWTs, private key blocks, {@code password=...} assignments. */
    SECRET
}
