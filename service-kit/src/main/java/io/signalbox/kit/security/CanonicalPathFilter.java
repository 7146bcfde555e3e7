package io.signalbox.kit.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request paths that are not in canonical form: percent-encoded characters, {@code ;} path
 * parameters, backslashes, empty segments and dot segments. Access rules match the raw path, while Spring
 * MVC decodes and normalises it before picking a handler, so {@code /%61pi/v1/keys} or
 * {@code /api;x=1/v1/keys} would otherwise reach an admin handler without passing the admin rule.
 * Signalbox's own APIs never need such paths (ids are UUIDs, hashes are hex), so refusing them is safe.
 */
class CanonicalPathFilter extends OncePerRequestFilter {

    private static final Pattern NOT_CANONICAL = Pattern.compile("[%;\\\\]|//|/\\.\\.?(/|$)");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        if (NOT_CANONICAL.matcher(path).find()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getOutputStream().write(("{\"type\":\"https://signalbox.io/problems/non-canonical-path\","
                    + "\"title\":\"Bad Request\",\"status\":400,\"detail\":\"The request path must not contain "
                    + "percent-encoding, ';' parameters, backslashes, empty or dot segments.\"}")
                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
        chain.doFilter(request, response);
    }
}
