package io.signalbox.kit.security;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web filters a reactive service (routing-service) gets: the same rules, problem bodies and principal as
 * the servlet filters, in front of handlers that answer with what reached them.
 */
class ReactiveGuardsTests {

    private static final String ADMIN = "Bearer admin-token-0123456789";

    private static final String INTERNAL = "Bearer internal-token-0123456789";

    private static final String VIEWER = "Bearer viewer-token-0123456789";

    private final WebTestClient client = client(new ApiSecurityProperties.Jwt(null, null, null, null, "roles", "sub",
            "team"));

    @Test
    void adminApiNeedsAnAdminCredentialAndSaysWhatToSend() {
        client.get().uri("/api/v1/things").header(HttpHeaders.AUTHORIZATION, ADMIN).exchange()
                .expectStatus().isOk().expectBody(String.class).isEqualTo("things");
        client.get().uri("/api/v1/things").header(HttpHeaders.AUTHORIZATION, INTERNAL).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://signalbox.io/problems/unauthorized")
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.detail").isEqualTo("The bearer token is not valid for this API.")
                .jsonPath("$.instance").isEqualTo("/api/v1/things");
        client.get().uri("/api/v1/things").exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.detail").isEqualTo("Send 'Authorization: Bearer <token>' to use this API.");
    }

    @Test
    void aViewerReadsButIsForbiddenToWrite() {
        client.get().uri("/api/v1/things").header(HttpHeaders.AUTHORIZATION, VIEWER).exchange()
                .expectStatus().isOk();
        client.post().uri("/api/v1/things").header(HttpHeaders.AUTHORIZATION, VIEWER).exchange()
                .expectStatus().isForbidden()
                .expectHeader().doesNotExist(HttpHeaders.WWW_AUTHENTICATE)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://signalbox.io/problems/forbidden")
                .jsonPath("$.detail").isEqualTo("'grafana' has the roles [viewer], which do not allow POST on this path.");
    }

    @Test
    void internalApiTakesTheInternalOrTheAdminToken() {
        client.post().uri("/v1/decisions").header(HttpHeaders.AUTHORIZATION, INTERNAL).exchange()
                .expectStatus().isOk().expectBody(String.class).isEqualTo("internal [internal]");
        client.post().uri("/v1/decisions").header(HttpHeaders.AUTHORIZATION, "bearer admin-token-0123456789")
                .exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("admin [admin]");
        client.post().uri("/v1/decisions").header(HttpHeaders.AUTHORIZATION, VIEWER).exchange()
                .expectStatus().isForbidden();
        client.post().uri("/v1/decisions").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void unguardedPathsStayOpenAndCarryNoPrincipal() {
        client.get().uri("/public/whoami").exchange()
                .expectStatus().isOk().expectBody(String.class).isEqualTo("anonymous");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "/%61pi/v1/things", "/api;x=1/v1/things", "/api/v1/%74hings", "//api/v1/things",
            "/public/../api/v1/things", "/%761/decisions", "/api%5Cv1/things" })
    void pathsThatCouldSlipPastTheAccessRulesAreRefusedWithoutReachingAHandler(String path) {
        client.get().uri(URI.create("http://localhost" + path)).header(HttpHeaders.AUTHORIZATION, VIEWER)
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://signalbox.io/problems/non-canonical-path");
    }

    @Test
    void aJwtFromTheIssuerIsCheckedAndNamesThePerson() throws IOException {
        WebTestClient withJwt = client(new ApiSecurityProperties.Jwt(JwtLoginTests.ISSUER, null,
                JwtLoginTests.trustedPublicKeyLocation(), "signalbox-admin", "realm_access.roles",
                "preferred_username", "team"));
        String admin = JwtLoginTests.jwt(JwtLoginTests.TRUSTED, JwtLoginTests.ISSUER, "signalbox-admin",
                List.of("admin"), 300);
        String expired = JwtLoginTests.jwt(JwtLoginTests.TRUSTED, JwtLoginTests.ISSUER, "signalbox-admin",
                List.of("admin"), -300);

        withJwt.get().uri("/api/v1/whoami").header(HttpHeaders.AUTHORIZATION, "Bearer " + admin).exchange()
                .expectStatus().isOk().expectBody(String.class).isEqualTo("alice [admin]");
        withJwt.get().uri("/api/v1/whoami").header(HttpHeaders.AUTHORIZATION, "Bearer " + expired).exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void aReactiveServiceGetsTheWebFiltersAndNoServletFilters() {
        new ReactiveWebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ApiSecurityAutoConfiguration.class,
                        ReactiveApiSecurityAutoConfiguration.class))
                .withPropertyValues("signalbox.security.admin-token=admin-token-0123456789",
                        "signalbox.security.internal-token=internal-token-0123456789")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBeansOfType(WebFilter.class).values())
                            .hasExactlyElementsOfTypes(ReactiveCanonicalPathFilter.class,
                                    ReactiveBearerTokenFilter.class);
                    assertThat(context).doesNotHaveBean(FilterRegistrationBean.class);
                });
    }

    private static WebTestClient client(ApiSecurityProperties.Jwt jwt) {
        ApiSecurityProperties properties = new ApiSecurityProperties("admin-token-0123456789",
                "internal-token-0123456789", List.of("/api/**"), List.of("/v1/**", "/internal/**"), List.of(),
                List.of(), List.of(new ApiSecurityProperties.StaticToken("grafana", "viewer-token-0123456789",
                        Set.of(Roles.VIEWER), null)),
                jwt);
        RouterFunction<ServerResponse> routes = RouterFunctions.route()
                .GET("/api/v1/things", request -> ServerResponse.ok().bodyValue("things"))
                .POST("/api/v1/things", request -> ServerResponse.ok().bodyValue("created"))
                .GET("/api/v1/whoami", ReactiveGuardsTests::whoami)
                .POST("/v1/decisions", ReactiveGuardsTests::whoami)
                .GET("/public/whoami", ReactiveGuardsTests::whoami)
                .build();
        return WebTestClient.bindToRouterFunction(routes)
                .webFilter(new ReactiveCanonicalPathFilter(), new ReactiveBearerTokenFilter(AccessRules.of(properties)))
                .build();
    }

    private static Mono<ServerResponse> whoami(ServerRequest request) {
        return ServerResponse.ok().bodyValue(request.attribute(SignalboxPrincipal.REQUEST_ATTRIBUTE)
                .map(SignalboxPrincipal.class::cast)
                .map(principal -> principal.name() + " " + principal.roles())
                .orElse("anonymous"));
    }
}
