package org.redciudades.chassis.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/** Tokens as different identity providers shape them, read into one {@link Caller}. */
class CallerTokenConverterTest {

    static final SecurityProperties DEFAULTS = new SecurityProperties("roles", "email", "email_verified", false, Duration.ofSeconds(60), 1000);

    @Test
    void roles_become_authorities_and_a_verified_email_is_kept_normalized() {
        Authentication authentication = new CallerTokenConverter(DEFAULTS).convert(token(claims -> {
            claims.put("roles", List.of("organizer", "ops"));
            claims.put("email", "  Mariana.Avila@IMPLAN-Torreon.example.mx ");
            claims.put("email_verified", true);
        }));

        Caller caller = Caller.of(authentication);
        assertThat(caller.subject()).isEqualTo("person-1");
        assertThat(authentication.getName()).isEqualTo("person-1");
        assertThat(caller.roles()).containsExactlyInAnyOrder("organizer", "ops");
        assertThat(caller.isOrganizer()).isTrue();
        assertThat(caller.isOps()).isTrue();
        assertThat(caller.verifiedEmail()).contains("mariana.avila@implan-torreon.example.mx");
        assertThat(authentication.getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .containsExactlyInAnyOrder("ROLE_organizer", "ROLE_ops");
    }

    @Test
    void a_person_without_a_roles_claim_is_signed_in_with_no_role() {
        Caller caller = caller(DEFAULTS, claims -> {
            claims.put("email", "ana@municipio.example.gt");
            claims.put("email_verified", true);
        });

        assertThat(caller.roles()).isEmpty();
        assertThat(caller.isOrganizer()).isFalse();
        assertThat(caller.verifiedEmail()).contains("ana@municipio.example.gt");
    }

    @Test
    void an_email_counts_only_when_the_provider_says_it_verified_it() {
        assertThat(caller(DEFAULTS, claims -> claims.put("email", "ana@municipio.example.gt")).verifiedEmail())
                .as("no email_verified claim").isEmpty();
        assertThat(caller(DEFAULTS, claims -> {
            claims.put("email", "ana@municipio.example.gt");
            claims.put("email_verified", false);
        }).verifiedEmail()).as("email_verified false").isEmpty();
        assertThat(caller(DEFAULTS, claims -> {
            claims.put("email", "ana@municipio.example.gt");
            claims.put("email_verified", "true");
        }).verifiedEmail()).as("email_verified as the string \"true\"").contains("ana@municipio.example.gt");
        assertThat(caller(DEFAULTS, claims -> {
            claims.put("email", "not an address");
            claims.put("email_verified", true);
        }).verifiedEmail()).as("not an address").isEmpty();
    }

    @Test
    void keycloak_realm_roles_are_read_from_the_nested_claim_path() {
        SecurityProperties keycloak = new SecurityProperties("realm_access.roles", "email", "email_verified", false, Duration.ofSeconds(60), 1000);

        Caller caller = caller(keycloak, claims -> {
            claims.put("realm_access", Map.of("roles", List.of("organizer", "offline_access")));
            claims.put("roles", List.of("ops"));
        });

        assertThat(caller.roles()).containsExactlyInAnyOrder("organizer", "offline_access");
    }

    @Test
    void a_claim_whose_own_name_has_dots_is_found_by_that_name() {
        SecurityProperties auth0 = new SecurityProperties("https://redciudades.org/roles", "email", "email_verified", false, Duration.ofSeconds(60), 1000);

        Caller caller = caller(auth0, claims -> claims.put("https://redciudades.org/roles", List.of("ops")));

        assertThat(caller.roles()).containsExactly("ops");
    }

    @Test
    void entra_id_says_an_email_is_verified_in_a_claim_of_its_own() {
        SecurityProperties entra = new SecurityProperties("roles", "email", "xms_edov", false, Duration.ofSeconds(60), 1000);

        Caller verified = caller(entra, claims -> {
            claims.put("email", "jorge@muni.example.gt");
            claims.put("xms_edov", true);
            claims.put("roles", List.of("organizer"));
        });
        Caller unverified = caller(entra, claims -> {
            claims.put("email", "jorge@muni.example.gt");
            claims.put("email_verified", true);
        });

        assertThat(verified.verifiedEmail()).contains("jorge@muni.example.gt");
        assertThat(verified.isOrganizer()).isTrue();
        assertThat(unverified.verifiedEmail()).as("email_verified is not Entra ID's claim").isEmpty();
    }

    @Test
    void roles_given_as_one_string_are_split_on_spaces() {
        assertThat(caller(DEFAULTS, claims -> claims.put("roles", "organizer  ops")).roles())
                .containsExactlyInAnyOrder("organizer", "ops");
    }

    private static Caller caller(SecurityProperties properties, Consumer<Map<String, Object>> claims) {
        return new CallerTokenConverter(properties).caller(token(claims));
    }

    private static Jwt token(Consumer<Map<String, Object>> claims) {
        Instant now = Instant.now();
        return Jwt.withTokenValue("token").header("alg", "RS256").subject("person-1").issuedAt(now)
                .expiresAt(now.plusSeconds(60)).claims(claims).build();
    }
}
