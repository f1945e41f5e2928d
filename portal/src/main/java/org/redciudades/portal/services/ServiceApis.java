package org.redciudades.portal.services;

import java.net.URI;
import java.util.Map;
import java.util.function.Consumer;
import org.redciudades.portal.PortalProperties;
import org.redciudades.portal.security.SecurityConfiguration;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.security.oauth2.client.web.client.RequestAttributeClientRegistrationIdResolver;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The services' HTTP APIs, one {@link RestClient} each. Every call asks for answers in the reader's language
 * (Accept-Language), so that a problem's title and detail come translated. A call made {@link #asSignedInPerson()}
 * carries the person's access token (token relay), refreshed when it has expired; any other call is anonymous, as the
 * public catalogue is. An error answer becomes a {@link ServiceProblem}.
 */
@Component
public class ServiceApis {

    private final RestClient membership;
    private final RestClient events;
    private final RestClient notification;

    ServiceApis(RestClient.Builder builder, PortalProperties properties, OAuth2AuthorizedClientManager manager,
                OAuth2AuthorizedClientRepository authorizedClients, JsonMapper json) {
        var tokenRelay = new OAuth2ClientHttpRequestInterceptor(manager);
        tokenRelay.setAuthorizationFailureHandler((failure, principal, attributes) -> {
            // A service refusing the token itself (401) means the session's token is no good: drop it, so that the
            // next call asks the person to sign in again. A 403 is the service's answer about the person, not the token.
            if (OAuth2ErrorCodes.INVALID_TOKEN.equals(failure.getError().getErrorCode())) {
                OAuth2ClientHttpRequestInterceptor.authorizationFailureHandler(authorizedClients)
                        .onAuthorizationFailure(failure, principal, attributes);
            }
        });
        this.membership = client(builder, "membership-service", properties.services().membership(), tokenRelay, json);
        this.events = client(builder, "events-service", properties.services().events(), tokenRelay, json);
        this.notification = client(builder, "notification-service", properties.services().notification(), tokenRelay,
                json);
    }

    private static RestClient client(RestClient.Builder builder, String service, URI baseUrl,
                                     ClientHttpRequestInterceptor tokenRelay, JsonMapper json) {
        return builder.clone()
                .baseUrl(baseUrl.toString())
                .requestInterceptor(inReadersLanguage())
                .requestInterceptor(tokenRelay)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
                    throw ServiceProblem.read(service, response, json);
                })
                .build();
    }

    private static ClientHttpRequestInterceptor inReadersLanguage() {
        return (request, body, execution) -> {
            request.getHeaders().set(HttpHeaders.ACCEPT_LANGUAGE, LocaleContextHolder.getLocale().toLanguageTag());
            return execution.execute(request, body);
        };
    }

    /** For a call's {@code attributes(...)}: make it with the signed-in person's access token. */
    public static Consumer<Map<String, Object>> asSignedInPerson() {
        return RequestAttributeClientRegistrationIdResolver.clientRegistrationId(SecurityConfiguration.REGISTRATION);
    }

    public RestClient membership() {
        return membership;
    }

    public RestClient events() {
        return events;
    }

    public RestClient notification() {
        return notification;
    }
}
