package io.signalbox.kit.security;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.signalbox.kit.problem.Problems;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.util.AntPathMatcher;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may call which path, decided from the method, the raw path and the {@code Authorization} header
 * alone, so that the servlet filter and the reactive filter apply exactly the same rules. Static tokens are
 * compared in constant time; a JWT is checked by {@link JwtAuthenticator}. Admin paths: reads need
 * {@code viewer} (or {@code finance} on finance paths), writes {@code admin} (or {@code finance} on finance
 * write paths). Internal paths: the internal token or {@code admin}. The internal token is no credential on
 * admin paths at all.
 */
final class AccessRules {

    static final URI UNAUTHORIZED_TYPE = Problems.type("unauthorized");

    static final URI FORBIDDEN_TYPE = Problems.type("forbidden");

    private static final String BEARER = "Bearer ";

    private static final Set<String> SAFE_METHODS = Set.of(HttpMethod.GET.name(), HttpMethod.HEAD.name(),
            HttpMethod.OPTIONS.name());

    private static final SignalboxPrincipal ADMIN = new SignalboxPrincipal("admin", Set.of(Roles.ADMIN));

    private static final SignalboxPrincipal INTERNAL = new SignalboxPrincipal("internal", Set.of(Roles.INTERNAL));

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AntPathMatcher matcher = new AntPathMatcher();

    private final byte[] adminToken;

    private final byte[] internalToken;

    private final List<NamedToken> tokens;

    private final @Nullable JwtAuthenticator jwt;

    private final List<String> adminPaths;

    private final List<String> internalPaths;

    private final List<String> financePaths;

    private final List<String> financeWritePaths;

    AccessRules(ApiSecurityProperties properties, @Nullable JwtAuthenticator jwt) {
        this.adminToken = properties.adminToken().getBytes(StandardCharsets.UTF_8);
        this.internalToken = properties.internalToken().getBytes(StandardCharsets.UTF_8);
        this.tokens = properties.tokens().stream()
                .map(token -> new NamedToken(token.token().getBytes(StandardCharsets.UTF_8),
                        new SignalboxPrincipal(token.name(), token.roles(), token.team())))
                .toList();
        this.jwt = jwt;
        this.adminPaths = List.copyOf(properties.adminPaths());
        this.internalPaths = List.copyOf(properties.internalPaths());
        this.financePaths = List.copyOf(properties.financePaths());
        this.financeWritePaths = List.copyOf(properties.financeWritePaths());
    }

    /** The rules with JWT login when the properties turn it on (keys are fetched on first use). */
    static AccessRules of(ApiSecurityProperties properties) {
        return new AccessRules(properties, properties.jwt().enabled() ? JwtAuthenticator.of(properties.jwt()) : null);
    }

    /**
     * @param path the request path as sent, without the context path and not decoded
     * @param authorization the {@code Authorization} header, if any
     */
    Verdict check(String method, String path, @Nullable String authorization) {
        boolean admin = matchesAny(adminPaths, path);
        boolean internal = !admin && matchesAny(internalPaths, path);
        if (!admin && !internal) {
            return Verdict.Unguarded.INSTANCE;
        }
        String presented = bearerToken(authorization);
        if (presented == null) {
            return new Verdict.Refused(HttpStatus.UNAUTHORIZED,
                    "Send 'Authorization: Bearer <token>' to use this API.");
        }
        Optional<SignalboxPrincipal> principal = authenticate(presented, internal);
        if (principal.isEmpty()) {
            return new Verdict.Refused(HttpStatus.UNAUTHORIZED, "The bearer token is not valid for this API.");
        }
        if (!permits(principal.get(), internal, method, path)) {
            return new Verdict.Refused(HttpStatus.FORBIDDEN, "'" + principal.get().name() + "' has the roles "
                    + principal.get().roles() + ", which do not allow " + method + " on this path.");
        }
        return new Verdict.Allowed(principal.get());
    }

    /** Whether checking this header may verify a JWT, whose issuer's keys may first have to be fetched over HTTP. */
    boolean mayFetchKeys(@Nullable String authorization) {
        String presented = bearerToken(authorization);
        return jwt != null && presented != null && JwtAuthenticator.looksLikeJwt(presented);
    }

    /** The RFC 9457 body of a refusal; {@code instance} is the path that was asked for. */
    static byte[] problem(Verdict.Refused refused, String instance) {
        Map<String, Object> problem = new LinkedHashMap<>();
        boolean forbidden = refused.status() == HttpStatus.FORBIDDEN;
        problem.put("type", (forbidden ? FORBIDDEN_TYPE : UNAUTHORIZED_TYPE).toString());
        problem.put("title", forbidden ? "Forbidden" : "Unauthorized");
        problem.put("status", refused.status().value());
        problem.put("detail", refused.detail());
        problem.put("instance", instance);
        return JSON.writeValueAsBytes(problem);
    }

    private Optional<SignalboxPrincipal> authenticate(String token, boolean internal) {
        byte[] presented = token.getBytes(StandardCharsets.UTF_8);
        if (MessageDigest.isEqual(presented, adminToken)) {
            return Optional.of(ADMIN);
        }
        if (internal && MessageDigest.isEqual(presented, internalToken)) {
            return Optional.of(INTERNAL);
        }
        for (NamedToken named : tokens) {
            if (MessageDigest.isEqual(presented, named.token())) {
                return Optional.of(named.principal());
            }
        }
        if (jwt != null && JwtAuthenticator.looksLikeJwt(token)) {
            return jwt.authenticate(token);
        }
        return Optional.empty();
    }

    private boolean permits(SignalboxPrincipal principal, boolean internal, String method, String path) {
        Set<String> roles = principal.roles();
        if (roles.contains(Roles.ADMIN)) {
            return true;
        }
        if (internal) {
            return roles.contains(Roles.INTERNAL);
        }
        if (roles.contains(Roles.FINANCE) && matchesAny(financeWritePaths, path)) {
            return true;
        }
        return SAFE_METHODS.contains(method)
                && (roles.contains(Roles.VIEWER) || (roles.contains(Roles.FINANCE) && matchesAny(financePaths, path)));
    }

    private boolean matchesAny(List<String> patterns, String path) {
        for (String pattern : patterns) {
            if (matcher.match(pattern, path)) {
                return true;
            }
        }
        return false;
    }

    private static @Nullable String bearerToken(@Nullable String header) {
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        return header.substring(BEARER.length()).trim();
    }

    /** What the rules say about one request. */
    sealed interface Verdict {

        /** The path is neither an admin nor an internal path: no credential is asked for. */
        enum Unguarded implements Verdict {
            INSTANCE
        }

        /** The caller is known and holds a role the path allows. */
        record Allowed(SignalboxPrincipal principal) implements Verdict {
        }

        /** 401 (no valid credential; the response asks for a bearer token) or 403 (a credential without the role). */
        record Refused(HttpStatus status, String detail) implements Verdict {

            boolean asksForCredentials() {
                return status == HttpStatus.UNAUTHORIZED;
            }
        }
    }

    /** A configured static token and who it stands for. */
    private record NamedToken(byte[] token, SignalboxPrincipal principal) {
    }
}
