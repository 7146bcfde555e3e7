package io.signalbox.kit.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OAuth2/JWT login against a key generated for the test (no network): the signature, issuer, audience
 * and expiry decide who gets in; the role claim (here Keycloak-style {@code realm_access.roles}) what
 * they may do.
 */
@SpringBootTest(classes = BearerTokenFilterTests.TestApp.class, properties = {
        "signalbox.security.admin-token=admin-token-0123456789",
        "signalbox.security.internal-token=internal-token-0123456789",
        "signalbox.security.jwt.issuer=https://login.example.com/realms/signalbox",
        "signalbox.security.jwt.audience=signalbox-admin",
        "signalbox.security.jwt.role-claim=realm_access.roles",
        "signalbox.security.jwt.name-claim=preferred_username" })
@AutoConfigureMockMvc
class JwtLoginTests {

    private static final String ISSUER = "https://login.example.com/realms/signalbox";

    private static final KeyPair TRUSTED = rsaKeyPair();

    private static final KeyPair FOREIGN = rsaKeyPair();

    @Autowired
    MockMvcTester mvc;

    @DynamicPropertySource
    static void publicKey(DynamicPropertyRegistry registry) throws IOException {
        Path pem = Files.createTempFile("signalbox-jwt", ".pem");
        pem.toFile().deleteOnExit();
        Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(TRUSTED.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        registry.add("signalbox.security.jwt.public-key-location", () -> pem.toUri().toString());
    }

    @Test
    void adminJwtWritesAndNamesThePerson() {
        String token = jwt(TRUSTED, ISSUER, "signalbox-admin", List.of("admin", "offline_access"), 300);

        assertThat(mvc.post().uri("/api/v1/things").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
                .hasStatusOk();
        assertThat(mvc.get().uri("/api/v1/whoami").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
                .as("roles Signalbox does not know are dropped").hasBodyTextEqualTo("alice [admin]");
    }

    @Test
    void viewerJwtReadsButIsForbiddenToWrite() {
        String token = jwt(TRUSTED, ISSUER, "signalbox-admin", List.of("viewer"), 300);

        assertThat(mvc.get().uri("/api/v1/things").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
                .hasStatusOk();
        assertThat(mvc.post().uri("/api/v1/things").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
                .hasStatus(403);
    }

    @Test
    void teamClaimScopesTheCallerToOneTeam() {
        String scoped = jwt(TRUSTED, ISSUER, "signalbox-admin", List.of("viewer"), 300, Map.of("team", "team-a"));
        String unscoped = jwt(TRUSTED, ISSUER, "signalbox-admin", List.of("viewer"), 300);

        assertThat(mvc.get().uri("/api/v1/whoami").header(HttpHeaders.AUTHORIZATION, "Bearer " + scoped))
                .hasBodyTextEqualTo("alice [viewer] team=team-a");
        assertThat(mvc.get().uri("/api/v1/whoami").header(HttpHeaders.AUTHORIZATION, "Bearer " + unscoped))
                .hasBodyTextEqualTo("alice [viewer]");
    }

    @Test
    void teamClaimThatIsNotOneTeamNameIsRefusedRatherThanIgnored() {
        for (Object team : List.of(List.of("team-a", "team-b"), 42, " ")) {
            String token = jwt(TRUSTED, ISSUER, "signalbox-admin", List.of("viewer"), 300, Map.of("team", team));

            assertThat(mvc.get().uri("/api/v1/things").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
                    .as("team claim %s", team).hasStatus(401);
        }
    }

    @Test
    void tokensThatAreNotOursAreUnauthorized() {
        List<String> admin = List.of("admin");
        for (String token : List.of(
                jwt(FOREIGN, ISSUER, "signalbox-admin", admin, 300),
                jwt(TRUSTED, "https://evil.example.com", "signalbox-admin", admin, 300),
                jwt(TRUSTED, ISSUER, "another-app", admin, 300),
                jwt(TRUSTED, ISSUER, "signalbox-admin", admin, -300),
                "not.a.jwt")) {
            assertThat(mvc.get().uri("/api/v1/things").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
                    .as(token).hasStatus(401);
        }
    }

    private static String jwt(KeyPair keys, String issuer, String audience, List<String> roles, long expiresInSeconds) {
        return jwt(keys, issuer, audience, roles, expiresInSeconds, Map.of());
    }

    private static String jwt(KeyPair keys, String issuer, String audience, List<String> roles, long expiresInSeconds,
            Map<String, Object> extraClaims) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
        extraClaims.forEach(builder::claim);
        JWTClaimsSet claims = builder
                .issuer(issuer)
                .subject("3f1c0b9e-user")
                .audience(audience)
                .claim("preferred_username", "alice")
                .claim("realm_access", Map.of("roles", roles))
                .issueTime(Date.from(now.minusSeconds(600)))
                .expirationTime(Date.from(now.plusSeconds(expiresInSeconds)))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        try {
            jwt.sign(new RSASSASigner((RSAPrivateKey) keys.getPrivate()));
        }
        catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
        return jwt.serialize();
    }

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
