package io.signalbox.kit.security;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(classes = BearerTokenFilterTests.TestApp.class, properties = {
        "signalbox.security.admin-token=admin-token-0123456789",
        "signalbox.security.internal-token=internal-token-0123456789" })
@AutoConfigureMockMvc
class CanonicalPathFilterTests {

    @Autowired
    MockMvcTester mvc;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "/%61pi/v1/things", "/api;x=1/v1/things", "/api/v1/%74hings", "//api/v1/things",
            "/public/../api/v1/things", "/%69nternal/v1/things", "/api\\v1/things" })
    void pathsThatCouldSlipPastTheAccessRulesAreRefusedWithoutReachingAHandler(String path) {
        assertThat(mvc.get().uri(java.net.URI.create("http://localhost" + path.replace("\\", "%5C"))))
                .hasStatus(400)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyText().contains("non-canonical-path").doesNotContain("things");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "/public", "/api/v1/things" })
    void canonicalPathsPassOnToTheAccessRules(String path) {
        assertThat(mvc.get().uri(path)).hasStatus(path.startsWith("/api") ? 401 : 200);
    }
}
