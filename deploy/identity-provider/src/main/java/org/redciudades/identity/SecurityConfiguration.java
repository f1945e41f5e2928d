package org.redciudades.identity;

import java.util.List;

import org.redciudades.identity.people.PersonClaims;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Who may call what. Three filter chains, tried in order:
 * <ol>
 * <li>the OAuth 2.0 and OpenID Connect endpoints (Spring Authorization Server): authorize, token, JWKS, discovery,
 * userinfo, logout, revocation, introspection;</li>
 * <li>the admin API ({@code /admin/**}): bearer tokens of the client-credentials grant with the right scope;</li>
 * <li>the pages: sign in, sign out, and the rest needs a signed-in person.</li>
 * </ol>
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final List<String> SUPPORTED_SCOPES = List.of("openid", "profile", "email");

    static final String SIGN_IN_PAGE = "/login";

    @Bean
    @Order(1)
    SecurityFilterChain protocolEndpoints(HttpSecurity http, PersonClaims personClaims) throws Exception {
        http.oauth2AuthorizationServer(server -> {
                    http.securityMatcher(server.getEndpointsMatcher());
                    server.oidc(oidc -> oidc
                            .userInfoEndpoint(userInfo -> userInfo.userInfoMapper(personClaims::userInfo))
                            // The scopes a client may ask for (Swagger UI offers exactly these).
                            .providerConfigurationEndpoint(discovery -> discovery.providerConfigurationCustomizer(
                                    document -> document.scopes(scopes -> {
                                        scopes.removeAll(SUPPORTED_SCOPES);
                                        scopes.addAll(SUPPORTED_SCOPES);
                                    }))));
                })
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                // /userinfo takes the access token as a bearer token
                .oauth2ResourceServer(resourceServer -> resourceServer.jwt(Customizer.withDefaults()))
                .cors(Customizer.withDefaults())
                // A person not signed in who reaches the authorization endpoint goes to the sign-in page, whatever
                // the Accept header says (scripts and the Java client read the redirect).
                .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint(SIGN_IN_PAGE),
                        new OrRequestMatcher(
                                PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, "/oauth2/authorize"),
                                new MediaTypeRequestMatcher(MediaType.TEXT_HTML))));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain adminApi(HttpSecurity http) throws Exception {
        http.securityMatcher("/admin/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/admin/people/**").hasAuthority("SCOPE_people.write")
                        .requestMatchers("/admin/keys/**").hasAuthority("SCOPE_keys.rotate")
                        .anyRequest().denyAll())
                .oauth2ResourceServer(resourceServer -> resourceServer.jwt(Customizer.withDefaults()))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain pages(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/css/**", "/favicon.ico", "/error").permitAll()
                        // the form login's own permitAll matches "/login" only without a query, not "/login?lang=en"
                        .requestMatchers(HttpMethod.GET, SIGN_IN_PAGE, "/logout").permitAll()
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage(SIGN_IN_PAGE).permitAll())
                .logout(logout -> logout.logoutSuccessUrl(SIGN_IN_PAGE + "?logout"));
        return http.build();
    }

    /** Passwords and client secrets as {@code {id}encoded}; new passwords are stored as bcrypt. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** A fixed issuer when {@code identity.issuer} is set; otherwise each request's own scheme, host and port. */
    @Bean
    AuthorizationServerSettings authorizationServerSettings(IdentityProperties properties) {
        var settings = AuthorizationServerSettings.builder();
        if (properties.issuer() != null) {
            settings.issuer(properties.issuer().toString());
        }
        return settings.build();
    }

    /** Swagger UI on a service's origin exchanges its code and reads discovery, the JWKS and userinfo. */
    @Bean
    CorsConfigurationSource corsConfigurationSource(IdentityProperties properties) {
        var cors = new CorsConfiguration();
        cors.setAllowedOrigins(properties.cors().allowedOrigins());
        cors.setAllowedOriginPatterns(properties.cors().allowedOriginPatterns());
        cors.setAllowedMethods(List.of("GET", "POST", "OPTIONS"));
        // Swagger UI sends X-Requested-With with its token request.
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Accept", "X-Requested-With"));
        cors.setMaxAge(3600L);
        var source = new UrlBasedCorsConfigurationSource();
        for (var path : List.of("/oauth2/token", "/oauth2/jwks", "/oauth2/revoke", "/oauth2/introspect", "/userinfo",
                "/.well-known/**")) {
            source.registerCorsConfiguration(path, cors);
        }
        return source;
    }
}
