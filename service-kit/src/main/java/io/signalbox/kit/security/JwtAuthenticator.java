package io.signalbox.kit.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Turns a JWT into a {@link SignalboxPrincipal}: validated signature, expiry and issuer (and audience),
 * the caller's name from the name claim, the roles Signalbox knows from the role claim and the team (if
 * any) from the team claim. Unknown roles are dropped, so an identity provider's other groups grant
 * nothing here.
 */
final class JwtAuthenticator {

    private static final Pattern ROLE = Pattern.compile(ApiSecurityProperties.ROLE_PATTERN);

    private static final Pattern SEPARATORS = Pattern.compile("[\\s,]+");

    private final JwtDecoder decoder;

    private final String roleClaim;

    private final String nameClaim;

    private final String teamClaim;

    JwtAuthenticator(JwtDecoder decoder, String roleClaim, String nameClaim, String teamClaim) {
        this.decoder = decoder;
        this.roleClaim = roleClaim;
        this.nameClaim = nameClaim;
        this.teamClaim = teamClaim;
    }

    static JwtAuthenticator of(ApiSecurityProperties.Jwt properties) {
        String issuer = Objects.requireNonNull(properties.issuer());
        NimbusJwtDecoder decoder = properties.jwkSetUri() != null
                ? NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri()).build()
                : NimbusJwtDecoder.withPublicKey(readPublicKey(Objects.requireNonNull(
                        properties.publicKeyLocation()))).build();
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(JwtValidators.createDefaultWithIssuer(issuer));
        String audience = properties.audience();
        if (audience != null && !audience.isBlank()) {
            validators.add(new JwtClaimValidator<Collection<String>>("aud",
                    aud -> aud != null && aud.contains(audience)));
        }
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
        return new JwtAuthenticator(decoder, properties.roleClaim(), properties.nameClaim(), properties.teamClaim());
    }

    /** Whether the token has the shape of a JWT (three dot-separated parts), so it is worth decoding. */
    static boolean looksLikeJwt(String token) {
        return token.chars().filter(c -> c == '.').count() == 2;
    }

    /**
     * The principal of a valid token; empty for an invalid, expired or foreign one, and for one whose team
     * claim is not a single team name.
     */
    Optional<SignalboxPrincipal> authenticate(String token) {
        Jwt jwt;
        try {
            jwt = decoder.decode(token);
        }
        catch (JwtException ex) {
            return Optional.empty();
        }
        Object name = jwt.getClaims().get(nameClaim);
        if (name == null || name.toString().isBlank()) {
            return Optional.empty();
        }
        Object team = claim(jwt.getClaims(), teamClaim);
        if (team != null && !(team instanceof String text && !text.isBlank())) {
            // a team claim Signalbox cannot read must not widen the caller to every team
            return Optional.empty();
        }
        return Optional.of(new SignalboxPrincipal(name.toString(), roles(claim(jwt.getClaims(), roleClaim)),
                team == null ? null : team.toString().strip()));
    }

    private static @Nullable Object claim(Map<String, Object> claims, String path) {
        Object current = claims;
        for (String part : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }

    private static Set<String> roles(@Nullable Object claim) {
        List<String> values = new ArrayList<>();
        if (claim instanceof Collection<?> collection) {
            collection.forEach(value -> values.add(String.valueOf(value)));
        }
        else if (claim instanceof String text) {
            values.addAll(List.of(SEPARATORS.split(text.strip())));
        }
        Set<String> roles = new LinkedHashSet<>();
        for (String value : values) {
            if (ROLE.matcher(value).matches()) {
                roles.add(value);
            }
        }
        return roles;
    }

    private static RSAPublicKey readPublicKey(String location) {
        Resource resource = new DefaultResourceLoader().getResource(location);
        try (InputStream in = resource.getInputStream()) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replace("-----BEGIN PUBLIC KEY-----", "")
                    .replace("-----END PUBLIC KEY-----", "")
                    .replaceAll("\\s", "");
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read the JWT public key at " + location, ex);
        }
        catch (GeneralSecurityException | IllegalArgumentException ex) {
            throw new IllegalStateException("The JWT public key at " + location + " is not a PEM RSA public key", ex);
        }
    }
}
