package io.signalbox.kit.security;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Applies the {@link AccessRules} in a reactive service: 401 without a valid credential for the path, 403
 * with one that lacks the role, both as RFC 9457 problems; an allowed caller's {@link SignalboxPrincipal}
 * becomes the exchange attribute {@link SignalboxPrincipal#REQUEST_ATTRIBUTE}. The rules do no I/O for static
 * tokens, so they run on the event loop; a JWT is checked on a worker thread, because its issuer's keys may have
 * to be fetched first.
 */
class ReactiveBearerTokenFilter implements WebFilter, Ordered {

    private final AccessRules rules;

    ReactiveBearerTokenFilter(AccessRules rules) {
        this.rules = rules;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String method = request.getMethod().name();
        String path = request.getPath().pathWithinApplication().value();
        String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (rules.mayFetchKeys(authorization)) {
            return Mono.fromCallable(() -> rules.check(method, path, authorization))
                    .subscribeOn(Schedulers.boundedElastic())
                    .flatMap(verdict -> apply(verdict, exchange, chain));
        }
        return apply(rules.check(method, path, authorization), exchange, chain);
    }

    private static Mono<Void> apply(AccessRules.Verdict verdict, ServerWebExchange exchange, WebFilterChain chain) {
        return switch (verdict) {
            case AccessRules.Verdict.Unguarded unguarded -> chain.filter(exchange);
            case AccessRules.Verdict.Allowed(SignalboxPrincipal principal) -> {
                exchange.getAttributes().put(SignalboxPrincipal.REQUEST_ATTRIBUTE, principal);
                yield chain.filter(exchange);
            }
            case AccessRules.Verdict.Refused refused -> {
                ServerHttpResponse response = exchange.getResponse();
                response.setStatusCode(refused.status());
                if (refused.asksForCredentials()) {
                    response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
                }
                response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
                byte[] body = AccessRules.problem(refused, exchange.getRequest().getPath().value());
                yield response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
            }
        };
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }
}
