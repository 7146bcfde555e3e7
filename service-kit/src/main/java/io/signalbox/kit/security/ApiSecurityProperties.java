package io.signalbox.kit.security;

import java.util.List;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code signalbox.security.*}: who may call what. Both tokens are required, so a service never starts
 * with an open admin API by accident; the admin token holds the {@code admin} role.
 *
 * @param adminToken bearer token for the admin API ({@code SIGNALBOX_ADMIN_TOKEN}), role {@code admin}
 * @param internalToken bearer token services use to call each other ({@code SIGNALBOX_INTERNAL_TOKEN})
 * @param adminPaths Ant-style patterns of the admin API: reads need {@code viewer} or {@code admin},
 *     writes {@code admin}
 * @param internalPaths Ant-style patterns that need the internal token (or the {@code admin} role)
 * @param financePaths admin paths the {@code finance} role may read (prices, tenants, cost reports)
 * @param financeWritePaths admin paths the {@code finance} role may also write (budgets)
 * @param tokens further static tokens, each with a name (the actor in audit logs), roles and optionally
 *     the one team it is confined to
 * @param jwt the OAuth2/JWT login for production; off unless {@code issuer} is set
 */
@Validated
@ConfigurationProperties("signalbox.security")
public record ApiSecurityProperties(
        @NotBlank @Size(min = 16, message = "must be at least 16 characters") String adminToken,
        @NotBlank @Size(min = 16, message = "must be at least 16 characters") String internalToken,
        @DefaultValue("/api/**") List<String> adminPaths,
        @DefaultValue("/internal/**") List<String> internalPaths,
        @DefaultValue List<String> financePaths,
        @DefaultValue List<String> financeWritePaths,
        @DefaultValue List<@Valid StaticToken> tokens,
        @DefaultValue @Valid Jwt jwt) {

    /** The roles a person can hold on the admin API. */
    public static final String ROLE_PATTERN = "admin|viewer|finance";

    /** The two tokens and every other setting at its default, as binding only the two tokens gives. */
    public static ApiSecurityProperties ofTokens(String adminToken, String internalToken) {
        return new ApiSecurityProperties(adminToken, internalToken, List.of("/api/**"), List.of("/internal/**"),
                List.of(), List.of(), List.of(), new Jwt(null, null, null, null, "roles", "sub", "team"));
    }

    @Override
    public String toString() {
        return "ApiSecurityProperties[adminPaths=" + adminPaths + ", internalPaths=" + internalPaths
                + ", financePaths=" + financePaths + ", financeWritePaths=" + financeWritePaths + ", tokens=" + tokens
                + ", jwt=" + jwt + "]";
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /**
     * A static bearer token, for the local stack and automation.
     *
     * @param name who the token stands for; the actor in audit logs
     * @param roles any of {@code admin}, {@code viewer}, {@code finance}
     * @param team when set, the token is team-scoped: services that hold per-team data (cost reports)
     *     show it only that team's; blank means not scoped
     */
    public record StaticToken(
            @NotBlank @Size(max = 100) String name,
            @NotBlank @Size(min = 16, message = "must be at least 16 characters") String token,
            @NotEmpty Set<@Pattern(regexp = ROLE_PATTERN, message = "must be one of admin, viewer, finance") String> roles,
            @Nullable @Size(max = 200) String team) {

        public StaticToken {
            team = blankToNull(team);
        }

        @Override
        public String toString() {
            return "StaticToken[name=" + name + ", roles=" + roles + (team == null ? "" : ", team=" + team) + "]";
        }
    }

    /**
     * JWTs from an OAuth2 authorization server, checked for signature, expiry and issuer (and audience
     * when set). Keys come from {@code jwkSetUri} or, with no network, from {@code publicKeyLocation}.
     *
     * @param issuer the {@code iss} every token must carry; setting it turns JWT login on
     * @param jwkSetUri the issuer's JWK Set URL
     * @param publicKeyLocation a PEM RSA public key ({@code file:…}, {@code classpath:…}) instead of a JWK Set
     * @param audience when set, the {@code aud} every token must include
     * @param roleClaim where the roles are: a claim name or a dotted path such as {@code realm_access.roles};
     *     a list or a space-separated string
     * @param nameClaim the claim naming the caller, for audit logs
     * @param teamClaim the claim (name or dotted path) holding the one team a caller is confined to; a token
     *     without it is not team-scoped
     */
    public record Jwt(
            @Nullable String issuer,
            @Nullable String jwkSetUri,
            @Nullable String publicKeyLocation,
            @Nullable String audience,
            @DefaultValue("roles") String roleClaim,
            @DefaultValue("sub") String nameClaim,
            @DefaultValue("team") String teamClaim) {

        /** Blank values count as unset, so {@code ${ENV:}} placeholders can leave JWT login off. */
        public Jwt {
            issuer = blankToNull(issuer);
            jwkSetUri = blankToNull(jwkSetUri);
            publicKeyLocation = blankToNull(publicKeyLocation);
            audience = blankToNull(audience);
        }

        public boolean enabled() {
            return issuer != null;
        }

        @AssertTrue(message = "JWT login needs jwk-set-uri or public-key-location")
        public boolean isKeySourceGiven() {
            return !enabled() || jwkSetUri != null || publicKeyLocation != null;
        }
    }
}
