package io.signalbox.kit.security;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(properties = {
        "signalbox.security.admin-token=admin-token-0123456789",
        "signalbox.security.internal-token=internal-token-0123456789" })
@AutoConfigureMockMvc
class BearerTokenFilterTests {

    @Autowired
    MockMvcTester mvc;

    @Test
    void adminApiNeedsTheAdminToken() {
        assertThat(mvc.get().uri("/api/v1/things").header(HttpHeaders.AUTHORIZATION, "Bearer admin-token-0123456789"))
                .hasStatusOk().hasBodyTextEqualTo("things");
        assertThat(mvc.get().uri("/api/v1/things")
                .header(HttpHeaders.AUTHORIZATION, "Bearer internal-token-0123456789"))
                .as("the internal token is not an admin credential").hasStatus(401);
    }

    @Test
    void missingTokenIsAProblemDetailThatSaysWhatToSend() {
        assertThat(mvc.get().uri("/api/v1/things"))
                .hasStatus(401)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .hasHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .bodyJson()
                .hasPathSatisfying("$.type", type -> assertThat(type).asString()
                        .isEqualTo("https://signalbox.io/problems/unauthorized"))
                .hasPathSatisfying("$.status", status -> assertThat(status).asNumber().isEqualTo(401))
                .hasPathSatisfying("$.detail", detail -> assertThat(detail).asString().contains("Bearer"))
                .hasPathSatisfying("$.instance", instance -> assertThat(instance).asString().isEqualTo("/api/v1/things"))
                .doesNotHavePath("$.properties");
    }

    @Test
    void internalApiTakesTheInternalOrTheAdminToken() {
        assertThat(mvc.get().uri("/internal/v1/things")
                .header(HttpHeaders.AUTHORIZATION, "Bearer internal-token-0123456789")).hasStatusOk();
        assertThat(mvc.get().uri("/internal/v1/things")
                .header(HttpHeaders.AUTHORIZATION, "bearer admin-token-0123456789")).hasStatusOk();
        assertThat(mvc.get().uri("/internal/v1/things")
                .header(HttpHeaders.AUTHORIZATION, "Bearer wrong-token-0123456789")).hasStatus(401);
    }

    @Test
    void controllersSeeWhoIsCalling() {
        assertThat(mvc.get().uri("/api/v1/whoami").header(HttpHeaders.AUTHORIZATION, "Bearer admin-token-0123456789"))
                .hasStatusOk().hasBodyTextEqualTo("admin [admin]");
        assertThat(mvc.get().uri("/internal/v1/whoami")
                .header(HttpHeaders.AUTHORIZATION, "Bearer internal-token-0123456789"))
                .hasStatusOk().hasBodyTextEqualTo("internal [internal]");
        assertThat(mvc.get().uri("/public/whoami")).hasStatusOk().hasBodyTextEqualTo("anonymous");
    }

    @Test
    void unguardedPathsStayOpen() {
        assertThat(mvc.get().uri("/public")).hasStatusOk();
    }

    @SpringBootApplication
    @RestController
    static class TestApp {

        @GetMapping("/api/v1/things")
        String things() {
            return "things";
        }

        @PostMapping("/api/v1/things")
        String create() {
            return "created";
        }

        @GetMapping("/api/v1/prices")
        String prices() {
            return "prices";
        }

        @GetMapping("/internal/v1/things")
        String internalThings() {
            return "internal";
        }

        @GetMapping("/public")
        String open() {
            return "open";
        }

        @GetMapping({ "/api/v1/whoami", "/internal/v1/whoami", "/public/whoami" })
        String whoami() {
            return SignalboxPrincipal.current()
                    .map(principal -> principal.name() + " " + principal.roles()
                            + (principal.teamScoped() ? " team=" + principal.team() : ""))
                    .orElse("anonymous");
        }
    }
}
