package io.signalbox.routing.pii;

/**
 * One piece of sensitive data found in a text, by position only (the text itself is not kept, so a
 * finding can be logged or returned in an explanation without leaking it).
 *
 * @param kind what was found
 * @param start the index of its first character
 * @param end the index after its last character
 */
public record PiiFinding(PiiKind kind, int start, int end) {
}
