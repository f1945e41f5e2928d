package org.redciudades.portal.security;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.redciudades.portal.PortalProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.web.servlet.LocaleResolver;

/**
 * Sign-in at the identity provider (OpenID Connect, authorization code with PKCE), sign-out there too (RP-initiated
 * logout), the person's tokens kept in their HTTP session only, and the pages' protections: CSRF tokens on every form
 * (htmx sends the header), a Content-Security-Policy without inline scripts or styles, and no framing.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    /** The one client registration: the portal at the network's identity provider. */
    public static final String REGISTRATION = "redciudades";
    static final String AUTHORIZATION_BASE = OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI;

    @Bean
    SecurityFilterChain portalSecurity(HttpSecurity http, ClientRegistrationRepository registrations,
                                       LocaleResolver locales, PortalProperties properties, RoleAuthorities roles) {
        ClientRegistration provider = registrations.findByRegistrationId(REGISTRATION);
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers(SignInController.PATH, "/institution").authenticated()
                        .requestMatchers(HttpMethod.POST, "/events/*/registration").authenticated()
                        // The person's own pages; /registrations/*/manage (a guest's signed link) and /unsubscribe
                        // (a signed link from an email) are not among them
                        .requestMatchers("/registrations", "/registrations/*/cancellation",
                                "/registrations/*/calendar.ics", "/inbox", "/inbox/**", "/preferences").authenticated()
                        // Each role's pages; the services check every call again with the person's token
                        .requestMatchers("/organizer", "/organizer/**").hasRole(SignedInPerson.ORGANIZER)
                        .requestMatchers("/ops", "/ops/**").hasRole(SignedInPerson.OPS)
                        .anyRequest().permitAll())
                .oauth2Login(login -> login
                        .userInfoEndpoint(userInfo -> userInfo.userAuthoritiesMapper(roles))
                        // Straight to the provider: the portal has no sign-in page of its own.
                        .loginPage(AUTHORIZATION_BASE + "/" + REGISTRATION)
                        .authorizationEndpoint(endpoint -> endpoint
                                .authorizationRequestResolver(inReadersLanguage(registrations, locales))))
                .logout(logout -> logout.logoutSuccessHandler(providerLogout(registrations, properties)))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(
                                contentSecurityPolicy(provider, properties.postLogoutRedirectUri())))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
                        .frameOptions(frame -> frame.deny()));
        return http.build();
    }

    /**
     * Scripts, styles, images and fonts from the portal itself only: no inline script or style, no eval. Forms post to
     * the portal, whose sign-out redirects to the provider and from there to the post-logout address, and the browser
     * checks each redirect after a form against {@code form-action} too.
     */
    static String contentSecurityPolicy(ClientRegistration provider, String postLogoutRedirectUri) {
        String formTargets = "'self' " + origin(URI.create(provider.getProviderDetails().getAuthorizationUri()));
        if (!postLogoutRedirectUri.startsWith("{baseUrl}")) {
            formTargets += " " + origin(URI.create(postLogoutRedirectUri));
        }
        return String.join("; ",
                "default-src 'self'",
                "script-src 'self'",
                "style-src 'self'",
                "img-src 'self' data:",
                "font-src 'self'",
                "connect-src 'self'",
                "object-src 'none'",
                "base-uri 'self'",
                "frame-ancestors 'none'",
                "form-action " + formTargets);
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getAuthority();
    }

    /** The provider's sign-in page in the portal's language: OpenID Connect's {@code ui_locales}. */
    private static OAuth2AuthorizationRequestResolver inReadersLanguage(ClientRegistrationRepository registrations,
                                                                        LocaleResolver locales) {
        var resolver = new DefaultOAuth2AuthorizationRequestResolver(registrations, AUTHORIZATION_BASE);
        return new OAuth2AuthorizationRequestResolver() {
            @Override
            public OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
                return withUiLocales(resolver.resolve(request), request);
            }

            @Override
            public OAuth2AuthorizationRequest resolve(HttpServletRequest request, String clientRegistrationId) {
                return withUiLocales(resolver.resolve(request, clientRegistrationId), request);
            }

            private OAuth2AuthorizationRequest withUiLocales(OAuth2AuthorizationRequest authorization,
                                                             HttpServletRequest request) {
                if (authorization == null) {
                    return null;
                }
                Map<String, Object> parameters = new HashMap<>(authorization.getAdditionalParameters());
                parameters.put("ui_locales", locales.resolveLocale(request).toLanguageTag());
                return OAuth2AuthorizationRequest.from(authorization).additionalParameters(parameters).build();
            }
        };
    }

    /** Signing out of the portal signs out of the provider too, which then sends the person back to the portal. */
    private static OidcClientInitiatedLogoutSuccessHandler providerLogout(ClientRegistrationRepository registrations,
                                                                          PortalProperties properties) {
        var handler = new OidcClientInitiatedLogoutSuccessHandler(registrations);
        handler.setPostLogoutRedirectUri(properties.postLogoutRedirectUri());
        return handler;
    }

    /** The person's tokens live in their HTTP session, and nowhere else: signing out or the session's end drops them. */
    @Bean
    OAuth2AuthorizedClientRepository authorizedClientRepository() {
        return new HttpSessionOAuth2AuthorizedClientRepository();
    }

    /**
     * Gives calls to the services the person's access token, refreshed with the refresh token once it expires (or
     * within a minute of it). The clock is the system's unless the context has one (the tests move theirs ahead).
     */
    @Bean
    OAuth2AuthorizedClientManager authorizedClientManager(ClientRegistrationRepository registrations,
                                                          OAuth2AuthorizedClientRepository authorizedClients,
                                                          ObjectProvider<Clock> clock) {
        var manager = new DefaultOAuth2AuthorizedClientManager(registrations, authorizedClients);
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
                .authorizationCode()
                .refreshToken(refresh -> refresh.clock(clock.getIfAvailable(Clock::systemUTC)))
                .build());
        return manager;
    }
}
