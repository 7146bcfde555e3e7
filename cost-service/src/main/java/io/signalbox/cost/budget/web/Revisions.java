package io.signalbox.cost.budget.web;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Budget {@code ETag}s: the revision as a strong tag ({@code "3"}), as the registry's admin API does. A client reads
 * a budget, keeps the tag and sends it back in {@code If-Match} with its change.
 */
final class Revisions {

    /** {@code "3"} or {@code W/"3"}: clients and proxies may weaken a tag, the revision is the same. */
    private static final Pattern TAG = Pattern.compile("(?:W/)?\"(\\d{1,18})\"");

    private Revisions() {
    }

    static String etag(long revision) {
        return "\"" + revision + "\"";
    }

    /**
     * @return the revision, or null for {@code If-Match: *} (any revision)
     * @throws IfMatchRequiredException when the header is missing
     */
    static @Nullable Long required(@Nullable String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new IfMatchRequiredException();
        }
        return optional(ifMatch);
    }

    /**
     * @return the revision, or null when any will do (no header, or {@code *}); a tag this service never issues
     *     answers -1, which matches no revision, so the write is refused with 412
     */
    static @Nullable Long optional(@Nullable String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return null;
        }
        Matcher matcher = TAG.matcher(ifMatch.strip());
        return matcher.matches() ? Long.parseLong(matcher.group(1)) : -1L;
    }

    /** An update came without {@code If-Match} (answered 428). */
    static final class IfMatchRequiredException extends RuntimeException {

        IfMatchRequiredException() {
            super("Send 'If-Match' with the ETag of the budget revision you read (or '*'); updates without it could "
                    + "silently undo someone else's change.");
        }
    }
}
