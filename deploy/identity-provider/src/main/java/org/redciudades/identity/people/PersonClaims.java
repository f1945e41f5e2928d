package org.redciudades.identity.people;

import java.util.LinkedHashMap;

import org.redciudades.identity.IdentityProperties;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcUserInfoAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.stereotype.Component;

/**
 * Puts the signed-in person's claims (email, email_verified, name, locale, zoneinfo, roles and any extra ones) into
 * access and ID tokens, and answers /userinfo with the same. Looked up at each token, so a person changed through the
 * admin API shows in the next token. A client-credentials token has no person and gets none of them.
 */
@Component
public class PersonClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    private final PeopleDirectory people;
    private final String rolesClaim;

    public PersonClaims(PeopleDirectory people, IdentityProperties properties) {
        this.people = people;
        this.rolesClaim = properties.rolesClaim();
    }

    @Override
    public void customize(JwtEncodingContext context) {
        if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
            return;
        }
        people.find(context.getPrincipal().getName())
                .ifPresent(person -> context.getClaims().claims(claims -> claims.putAll(person.tokenClaims(rolesClaim))));
    }

    /** The answer of /userinfo for the person an access token was issued to. */
    public OidcUserInfo userInfo(OidcUserInfoAuthenticationContext context) {
        var username = context.getAuthorization().getPrincipalName();
        var claims = new LinkedHashMap<String, Object>();
        claims.put("sub", username);
        people.find(username).ifPresent(person -> claims.putAll(person.tokenClaims(rolesClaim)));
        return new OidcUserInfo(claims);
    }
}
