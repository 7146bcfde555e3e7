package io.signalbox.kit.security;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Authenticates the bearer token on guarded paths (static tokens compared in constant time, or a JWT)
 * and checks the caller's roles: 401 without a valid credential for the path, 403 with one that lacks
 * the role. Admin paths: reads need {@code viewer} (or {@code finance} on finance paths), writes
 * {@code admin} (or {@code finance} on finance write paths). Internal paths: the internal token or
 * {@code admin}. The internal token is no credential on admin paths at all.
 */
class BearerTokenFilter extends OncePerRequestFilter {

    static final URI UNAUTHORIZED_TYPE = URI.create("https://signalbox.io/problems/unauthorized");

    static final URI FORBIDDEN_TYPE = URI.create("https://signalbox.io/problems/forbidden");

    private static final String BEARER = "Bearer ";

    private static final Set<String> SAFE_METHODS = Set.of(HttpMethod.GET.name(), HttpMethod.HEAD.name(),
            HttpMethod.OPTIONS.name());

    private static final SignalboxPrincipal ADMIN = new SignalboxPrincipal("admin", Set.of(Roles.ADMIN));

    private static final SignalboxPrincipal INTERNAL = new SignalboxPrincipal("internal", Set.of(Roles.INTERNAL));

    private final AntPathMatcher matcher = new AntPathMatcher();

    private final byte[] adminToken;

    private final byte[] internalToken;

    private final List<NamedToken> tokens;

    private final @Nullable JwtAuthenticator jwt;

    private final List<String> adminPaths;

    private final List<String> internalPaths;

    private final List<String> financePaths;

    private final List<String> financeWritePaths;

    private final JsonMapper json = JsonMapper.builder().build();

    BearerTokenFilter(ApiSecurityProperties properties, @Nullable JwtAuthenticator jwt) {
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

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean admin = matchesAny(adminPaths, path);
        boolean internal = !admin && matchesAny(internalPaths, path);
        if (!admin && !internal) {
            chain.doFilter(request, response);
            return;
        }
        String presented = bearerToken(request);
        if (presented == null) {
            reject(request, response, HttpStatus.UNAUTHORIZED, "Send 'Authorization: Bearer <token>' to use this API.");
            return;
        }
        Optional<SignalboxPrincipal> principal = authenticate(presented, internal);
        if (principal.isEmpty()) {
            reject(request, response, HttpStatus.UNAUTHORIZED, "The bearer token is not valid for this API.");
            return;
        }
        if (!permits(principal.get(), internal, request.getMethod(), path)) {
            reject(request, response, HttpStatus.FORBIDDEN, "'" + principal.get().name() + "' has the roles "
                    + principal.get().roles() + ", which do not allow " + request.getMethod() + " on this path.");
            return;
        }
        request.setAttribute(SignalboxPrincipal.REQUEST_ATTRIBUTE, principal.get());
        chain.doFilter(request, response);
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

    private static @Nullable String bearerToken(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        return header.substring(BEARER.length()).trim();
    }

    private void reject(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", (status == HttpStatus.FORBIDDEN ? FORBIDDEN_TYPE : UNAUTHORIZED_TYPE).toString());
        problem.put("title", status == HttpStatus.FORBIDDEN ? "Forbidden" : "Unauthorized");
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        response.setStatus(status.value());
        if (status == HttpStatus.UNAUTHORIZED) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(problem));
    }

    /** A configured static token and who it stands for. */
    private record NamedToken(byte[] token, SignalboxPrincipal principal) {
    }
}
