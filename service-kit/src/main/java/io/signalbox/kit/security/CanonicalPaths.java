package io.signalbox.kit.security;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Which request paths are in canonical form: no percent-encoded characters, no {@code ;} path parameters,
 * no backslashes, no empty and no dot segments. Access rules match the raw path, while the web framework
 * decodes and normalises it before picking a handler, so {@code /%61pi/v1/keys} or {@code /api;x=1/v1/keys}
 * would otherwise reach an admin handler without passing the admin rule. Signalbox's own APIs never need
 * such paths (ids are UUIDs, hashes are hex), so refusing them is safe.
 */
final class CanonicalPaths {

    /** The RFC 9457 body of the 400 a non-canonical path gets. */
    static final byte[] PROBLEM = ("{\"type\":\"https://signalbox.io/problems/non-canonical-path\","
            + "\"title\":\"Bad Request\",\"status\":400,\"detail\":\"The request path must not contain "
            + "percent-encoding, ';' parameters, backslashes, empty or dot segments.\"}")
            .getBytes(StandardCharsets.UTF_8);

    private static final Pattern NOT_CANONICAL = Pattern.compile("[%;\\\\]|//|/\\.\\.?(/|$)");

    private CanonicalPaths() {
    }

    /** @param rawPath the path as sent, not decoded */
    static boolean isCanonical(String rawPath) {
        return !NOT_CANONICAL.matcher(rawPath).find();
    }
}
