package io.signalbox.kit.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Applies the {@link AccessRules} in a servlet service: 401 without a valid credential for the path, 403 with
 * one that lacks the role, both as RFC 9457 problems; an allowed caller's {@link SignalboxPrincipal} becomes a
 * request attribute.
 */
class BearerTokenFilter extends OncePerRequestFilter {

    private final AccessRules rules;

    BearerTokenFilter(AccessRules rules) {
        this.rules = rules;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        switch (rules.check(request.getMethod(), path, request.getHeader(HttpHeaders.AUTHORIZATION))) {
            case AccessRules.Verdict.Unguarded unguarded -> chain.doFilter(request, response);
            case AccessRules.Verdict.Allowed(SignalboxPrincipal principal) -> {
                request.setAttribute(SignalboxPrincipal.REQUEST_ATTRIBUTE, principal);
                chain.doFilter(request, response);
            }
            case AccessRules.Verdict.Refused refused -> {
                response.setStatus(refused.status().value());
                if (refused.asksForCredentials()) {
                    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
                }
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                response.getOutputStream().write(AccessRules.problem(refused, request.getRequestURI()));
            }
        }
    }
}
