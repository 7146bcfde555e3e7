package io.signalbox.cost;

import java.io.IOException;
import java.io.UncheckedIOException;
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

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.jspecify.annotations.Nullable;

/**
 * JWT login for the integration tests: one RSA key per test JVM, its public half written where the service
 * reads it ({@code signalbox.security.jwt.public-key-location}), tokens signed with the private half.
 */
public final class TestJwts {

    public static final String ISSUER = "https://login.test/realms/signalbox";

    private static final KeyPair KEYS = keyPair();

    private static @Nullable Path publicKeyFile;

    private TestJwts() {
    }

    /** A {@code file:} location of the PEM public key, written on first use. */
    public static synchronized String publicKeyLocation() {
        if (publicKeyFile == null) {
            try {
                Path pem = Files.createTempFile("cost-jwt", ".pem");
                pem.toFile().deleteOnExit();
                Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder().encodeToString(KEYS.getPublic().getEncoded())
                        + "\n-----END PUBLIC KEY-----\n");
                publicKeyFile = pem;
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        return publicKeyFile.toUri().toString();
    }

    /** A valid token for five minutes, with a {@code team} claim when {@code team} is not null. */
    public static String token(String subject, List<String> roles, @Nullable String team) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(subject)
                .claim("roles", roles)
                .issueTime(Date.from(now.minusSeconds(60)))
                .expirationTime(Date.from(now.plusSeconds(300)));
        if (team != null) {
            claims.claim("team", team);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims.build());
        try {
            jwt.sign(new RSASSASigner((RSAPrivateKey) KEYS.getPrivate()));
        }
        catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
        return jwt.serialize();
    }

    private static KeyPair keyPair() {
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
