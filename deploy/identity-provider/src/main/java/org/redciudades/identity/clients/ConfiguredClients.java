package org.redciudades.identity.clients;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.redciudades.identity.IdentityProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * The clients (relying parties) from {@code identity.clients}. One with a secret authenticates with it (HTTP Basic or
 * form); one without is public and must send a PKCE challenge. Tokens are JWTs either way.
 */
@Configuration(proxyBeanMethods = false)
class ConfiguredClients {

    private static final Logger log = LoggerFactory.getLogger(ConfiguredClients.class);

    @Bean
    RegisteredClientRepository registeredClientRepository(IdentityProperties properties) {
        var clients = properties.clients().entrySet().stream()
                .map(entry -> registeredClient(entry.getKey(), entry.getValue()))
                .toList();
        if (clients.isEmpty()) {
            throw new IllegalStateException("No clients configured (identity.clients)");
        }
        log.info("Clients: {}", clients.stream().map(RegisteredClient::getClientId).sorted().toList());
        return new InMemoryRegisteredClientRepository(clients);
    }

    static RegisteredClient registeredClient(String key, IdentityProperties.Client client) {
        var clientId = client.clientId() != null ? client.clientId() : key;
        boolean confidential = client.secret() != null && !client.secret().isBlank();
        var id = UUID.nameUUIDFromBytes(clientId.getBytes(StandardCharsets.UTF_8)).toString();
        var builder = RegisteredClient.withId(id)
                .clientId(clientId)
                .clientName(clientId);
        if (confidential) {
            builder.clientSecret(encoded(client.secret()))
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST);
        } else {
            builder.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
        }
        orEmpty(client.grantTypes(), List.of(AuthorizationGrantType.AUTHORIZATION_CODE.getValue()))
                .forEach(grantType -> builder.authorizationGrantType(new AuthorizationGrantType(grantType)));
        orEmpty(client.redirectUris(), List.of()).forEach(builder::redirectUri);
        orEmpty(client.postLogoutRedirectUris(), List.of()).forEach(builder::postLogoutRedirectUri);
        orEmpty(client.scopes(), List.of()).forEach(builder::scope);
        builder.clientSettings(ClientSettings.builder()
                .requireProofKey(!confidential)
                .requireAuthorizationConsent(client.requireConsent())
                .build());
        builder.tokenSettings(TokenSettings.builder()
                .accessTokenTimeToLive(client.accessTokenTtl())
                .refreshTokenTimeToLive(client.refreshTokenTtl())
                .build());
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("identity.clients." + key + ": " + e.getMessage(), e);
        }
    }

    /** DelegatingPasswordEncoder form as given, or plain text marked as such. */
    private static String encoded(String secret) {
        return secret.startsWith("{") && secret.indexOf('}') > 1 ? secret : "{noop}" + secret;
    }

    private static List<String> orEmpty(List<String> values, List<String> otherwise) {
        return values == null || values.isEmpty() ? otherwise : values;
    }
}
