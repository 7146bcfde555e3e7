package io.signalbox.registry.common.web;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The registry's {@code ETag}s: the entity's revision as a strong tag ({@code "3"}). A client reads an
 * entity, keeps the tag and sends it back in {@code If-Match} with its change; the service applies the
 * change only to that revision.
 */
public final class Revisions {

    /** {@code "3"} or {@code W/"3"}: clients and proxies may weaken a tag, the revision is the same. */
    private static final Pattern TAG = Pattern.compile("(?:W/)?\"(\\d{1,18})\"");

    private Revisions() {
    }

    public static String etag(long revision) {
        return "\"" + revision + "\"";
    }

    public static <T> ResponseEntity<T> ok(T body, long revision) {
        return ResponseEntity.status(HttpStatus.OK).eTag(etag(revision)).body(body);
    }

    /**
     * The revision an update was made against. An update without {@code If-Match} is refused (428): it
     * would overwrite whatever changed since the client read the entity, without anyone noticing.
     *
     * @return the revision, or null for {@code If-Match: *} (any revision)
     * @throws IfMatchRequiredException when the header is missing
     */
    public static @Nullable Long required(@Nullable String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new IfMatchRequiredException();
        }
        return optional(ifMatch);
    }

    /**
     * The revision a delete or revocation was made against, if the client named one.
     *
     * @return the revision, or null when any revision will do (no header, or {@code *}); a tag this
     *     service never issues answers -1, which matches no revision, so the write is refused with 412
     */
    public static @Nullable Long optional(@Nullable String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return null;
        }
        Matcher matcher = TAG.matcher(ifMatch.strip());
        return matcher.matches() ? Long.parseLong(matcher.group(1)) : -1L;
    }
}
