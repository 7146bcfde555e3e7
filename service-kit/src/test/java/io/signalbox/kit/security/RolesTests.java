package io.signalbox.kit.security;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/** Static tokens with roles: viewers read, finance reads its paths, only admins write; a token may name its team. */
@SpringBootTest(classes = BearerTokenFilterTests.TestApp.class, properties = {
        "signalbox.security.admin-token=admin-token-0123456789",
        "signalbox.security.internal-token=internal-token-0123456789",
        "signalbox.security.finance-paths=/api/v1/prices/**,/api/v1/whoami",
        "signalbox.security.tokens[0].name=grafana",
        "signalbox.security.tokens[0].token=viewer-token-0123456789",
        "signalbox.security.tokens[0].roles=viewer",
        "signalbox.security.tokens[1].name=billing",
        "signalbox.security.tokens[1].token=finance-token-0123456789",
        "signalbox.security.tokens[1].roles=finance",
        "signalbox.security.tokens[2].name=ci-bot",
        "signalbox.security.tokens[2].token=ci-admin-token-0123456789",
        "signalbox.security.tokens[2].roles=admin",
        "signalbox.security.tokens[3].name=team-a-finance",
        "signalbox.security.tokens[3].token=team-a-token-0123456789",
        "signalbox.security.tokens[3].roles=finance",
        "signalbox.security.tokens[3].team=team-a",
        "signalbox.security.tokens[4].name=blank-team",
        "signalbox.security.tokens[4].token=blank-team-token-0123456789",
        "signalbox.security.tokens[4].roles=viewer",
        "signalbox.security.tokens[4].team= " })
@AutoConfigureMockMvc
class RolesTests {

    private static final String VIEWER = "Bearer viewer-token-0123456789";

    private static final String FINANCE = "Bearer finance-token-0123456789";

    private static final String CI_ADMIN = "Bearer ci-admin-token-0123456789";

    @Autowired
    MockMvcTester mvc;

    @Test
    void viewerReadsButCannotWrite() {
        assertThat(mvc.get().uri("/api/v1/things").header(HttpHeaders.AUTHORIZATION, VIEWER)).hasStatusOk();
        assertThat(mvc.get().uri("/api/v1/prices").header(HttpHeaders.AUTHORIZATION, VIEWER)).hasStatusOk();
        assertThat(mvc.post().uri("/api/v1/things").header(HttpHeaders.AUTHORIZATION, VIEWER))
                .hasStatus(403)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .doesNotContainHeader(HttpHeaders.WWW_AUTHENTICATE)
                .bodyJson()
                .hasPathSatisfying("$.type", type -> assertThat(type).asString()
                        .isEqualTo("https://signalbox.io/problems/forbidden"))
                .hasPathSatisfying("$.detail", detail -> assertThat(detail).asString().contains("grafana", "POST"));
    }

    @Test
    void financeReadsOnlyTheFinancePaths() {
        assertThat(mvc.get().uri("/api/v1/prices").header(HttpHeaders.AUTHORIZATION, FINANCE)).hasStatusOk();
        assertThat(mvc.get().uri("/api/v1/things").header(HttpHeaders.AUTHORIZATION, FINANCE)).hasStatus(403);
        assertThat(mvc.post().uri("/api/v1/things").header(HttpHeaders.AUTHORIZATION, FINANCE)).hasStatus(403);
    }

    @Test
    void namedAdminTokenWritesAndIsNamedToTheHandler() {
        assertThat(mvc.post().uri("/api/v1/things").header(HttpHeaders.AUTHORIZATION, CI_ADMIN)).hasStatusOk();
        assertThat(mvc.get().uri("/api/v1/whoami").header(HttpHeaders.AUTHORIZATION, CI_ADMIN))
                .hasBodyTextEqualTo("ci-bot [admin]");
        assertThat(mvc.get().uri("/internal/v1/things").header(HttpHeaders.AUTHORIZATION, CI_ADMIN)).hasStatusOk();
    }

    @Test
    void teamScopedTokenCarriesItsTeamToTheHandlerAndKeepsItsRoles() {
        String teamA = "Bearer team-a-token-0123456789";

        assertThat(mvc.get().uri("/api/v1/whoami").header(HttpHeaders.AUTHORIZATION, VIEWER))
                .as("tokens without a team are not scoped").hasBodyTextEqualTo("grafana [viewer]");
        assertThat(mvc.get().uri("/api/v1/prices").header(HttpHeaders.AUTHORIZATION, teamA)).hasStatusOk();
        assertThat(mvc.get().uri("/api/v1/whoami").header(HttpHeaders.AUTHORIZATION, teamA))
                .hasBodyTextEqualTo("team-a-finance [finance] team=team-a");
        assertThat(mvc.get().uri("/api/v1/things").header(HttpHeaders.AUTHORIZATION, teamA))
                .as("a team does not add roles").hasStatus(403);
        assertThat(mvc.get().uri("/api/v1/whoami").header(HttpHeaders.AUTHORIZATION, "Bearer blank-team-token-0123456789"))
                .as("a blank team (an empty environment variable) scopes nothing")
                .hasBodyTextEqualTo("blank-team [viewer]");
    }

    @Test
    void peopleTokensAreNoServiceCredentials() {
        assertThat(mvc.get().uri("/internal/v1/things").header(HttpHeaders.AUTHORIZATION, VIEWER)).hasStatus(403);
        assertThat(mvc.get().uri("/api/v1/things").header(HttpHeaders.AUTHORIZATION, "Bearer unknown-token-0123456789"))
                .hasStatus(401);
    }
}
