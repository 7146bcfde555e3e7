package io.signalbox.kit.security;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/** Checks the bearer token on guarded paths; compares in constant time. */
class BearerTokenFilter extends OncePerRequestFilter {

    static final URI UNAUTHORIZED_TYPE = URI.create("https://signalbox.io/problems/unauthorized");

    private static final String BEARER = "Bearer ";

    private static final SignalboxPrincipal ADMIN = new SignalboxPrincipal("admin", Set.of("admin"));

    private static final SignalboxPrincipal INTERNAL = new SignalboxPrincipal("internal", Set.of("internal"));

    private final AntPathMatcher matcher = new AntPathMatcher();

    private final byte[] adminToken;

    private final byte[] internalToken;

    private final List<String> adminPaths;

    private final List<String> internalPaths;

    private final JsonMapper json = JsonMapper.builder().build();

    BearerTokenFilter(ApiSecurityProperties properties) {
        this.adminToken = properties.adminToken().getBytes(StandardCharsets.UTF_8);
        this.internalToken = properties.internalToken().getBytes(StandardCharsets.UTF_8);
        this.adminPaths = List.copyOf(properties.adminPaths());
        this.internalPaths = List.copyOf(properties.internalPaths());
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
        byte[] presented = bearerToken(request);
        @Nullable SignalboxPrincipal principal = null;
        if (presented != null && MessageDigest.isEqual(presented, adminToken)) {
            principal = ADMIN;
        }
        else if (internal && presented != null && MessageDigest.isEqual(presented, internalToken)) {
            principal = INTERNAL;
        }
        if (principal != null) {
            request.setAttribute(SignalboxPrincipal.REQUEST_ATTRIBUTE, principal);
            chain.doFilter(request, response);
            return;
        }
        reject(request, response, presented == null
                ? "Send 'Authorization: Bearer <token>' to use this API."
                : "The bearer token is not valid for this API.");
    }

    private boolean matchesAny(List<String> patterns, String path) {
        for (String pattern : patterns) {
            if (matcher.match(pattern, path)) {
                return true;
            }
        }
        return false;
    }

    private static byte @Nullable [] bearerToken(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        return header.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8);
    }

    private void reject(HttpServletRequest request, HttpServletResponse response, String detail) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", UNAUTHORIZED_TYPE.toString());
        problem.put("title", "Unauthorized");
        problem.put("status", HttpStatus.UNAUTHORIZED.value());
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        response.setStatus(HttpStatus.UNAUTHORIZED.value());
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(problem));
    }
}
