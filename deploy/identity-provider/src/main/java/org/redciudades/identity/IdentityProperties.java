package org.redciudades.identity;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everything the provider reads from configuration ({@code identity.*}).
 * People and clients are maps, keyed by username and by client name, because Spring Boot merges maps across property
 * sources but replaces lists whole: {@code --identity.clients.short-lived.access-token-ttl=1s} on a command line adds
 * a client to the ones in identity-provider.yml instead of replacing them.
 *
 * @param issuer     the {@code iss} of every token and of discovery; unset, it is taken from each request's scheme,
 *                   host and port, so the same provider reached as {@code localhost} and as {@code 127.0.0.1} is two
 *                   issuers
 * @param stateDir   where people added through the admin API and the signing keys are kept across restarts;
 *                   unset, both live in memory only
 * @param rolesClaim the claim that carries a person's roles in access and ID tokens and at /userinfo
 */
@ConfigurationProperties("identity")
public record IdentityProperties(
        URI issuer,
        Path stateDir,
        @DefaultValue("roles") String rolesClaim,
        Map<String, Person> people,
        Map<String, Client> clients,
        @DefaultValue Keys keys,
        @DefaultValue Cors cors) {

    public IdentityProperties {
        people = people == null ? Map.of() : Map.copyOf(people);
        clients = clients == null ? Map.of() : Map.copyOf(clients);
    }

    public Optional<Path> stateDirectory() {
        return Optional.ofNullable(stateDir);
    }

    /**
     * A person who can sign in. The username defaults to the map key and is the tokens' {@code sub}.
     *
     * @param password       as DelegatingPasswordEncoder stores it ({@code {noop}secret}, {@code {bcrypt}$2a$...});
     *                       without an {@code {id}} prefix it is taken as plain text
     * @param claims         further claims for this person's tokens, such as {@code department}
     */
    public record Person(
            String username,
            String password,
            String email,
            @DefaultValue("true") boolean emailVerified,
            String name,
            @DefaultValue("es-MX") String locale,
            @DefaultValue("America/Mexico_City") String zoneinfo,
            List<String> roles,
            Map<String, Object> claims) {
    }

    /**
     * A client (relying party). The client id defaults to the map key.
     *
     * @param secret             the client secret in plain text (or DelegatingPasswordEncoder form); without one the
     *                           client is public and must use PKCE
     * @param grantTypes         defaults to {@code authorization_code}
     * @param requireConsent     whether the person is asked to approve the scopes; none of the network's clients is
     */
    public record Client(
            String clientId,
            String secret,
            List<String> grantTypes,
            List<String> redirectUris,
            List<String> postLogoutRedirectUris,
            List<String> scopes,
            @DefaultValue("PT1H") Duration accessTokenTtl,
            @DefaultValue("PT8H") Duration refreshTokenTtl,
            @DefaultValue("false") boolean requireConsent) {
    }

    /**
     * The signing keys.
     *
     * @param retain      how long a key stays in the JWKS after a newer one took over signing; longer than the longest
     *                    access-token lifetime, so every token still valid can be verified
     * @param rotateAfter a new signing key is made when the newest is this old
     */
    public record Keys(
            @DefaultValue("PT2H") Duration retain,
            @DefaultValue("P30D") Duration rotateAfter) {
    }

    /**
     * Browser origins allowed to call the token, discovery, JWKS and userinfo endpoints (Swagger UI's).
     *
     * @param allowedOrigins        exact origins, such as {@code http://localhost:8081}
     * @param allowedOriginPatterns origins as Spring's {@code CorsConfiguration} matches patterns, such as
     *                              {@code http://127.0.0.1:[*]} for any port of the loopback address
     */
    public record Cors(
            @DefaultValue({"http://localhost:8081", "http://localhost:8082", "http://localhost:8083"})
            List<String> allowedOrigins,
            @DefaultValue("http://127.0.0.1:[*]")
            List<String> allowedOriginPatterns) {
    }
}
