package org.redciudades.portal;

import java.net.URI;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The portal's settings.
 *
 * @param services where each service's API is
 * @param cookies how the portal's cookies (session, language) are sent
 * @param defaultZone the zone of date filters when nobody is signed in (a signed-in person's is their token's
 *                    {@code zoneinfo})
 * @param postLogoutRedirectUri where the identity provider sends the person after signing out, registered with the
 *                              provider; {@code {baseUrl}} is the portal's own address as the browser reached it
 * @param rolesClaim the ID token's claim with the person's roles ({@code organizer}, {@code ops}), by name or by a
 *                   dotted path ({@code realm_access.roles} for Keycloak's realm roles), as the services read it from
 *                   access tokens ({@code redciudades.security.roles-claim}); the portal uses roles only to show a
 *                   person their pages, and the services decide every call
 */
@ConfigurationProperties("portal")
public record PortalProperties(@DefaultValue Services services, @DefaultValue Cookies cookies,
                               @DefaultValue("America/Mexico_City") ZoneId defaultZone,
                               @DefaultValue("{baseUrl}/") String postLogoutRedirectUri,
                               @DefaultValue("roles") String rolesClaim) {

    /** The services' base URLs, without {@code /api/v1}. */
    public record Services(@DefaultValue("http://127.0.0.1:8081") URI membership,
                           @DefaultValue("http://127.0.0.1:8082") URI events,
                           @DefaultValue("http://127.0.0.1:8083") URI notification) {
    }

    /**
     * @param secure whether cookies carry {@code Secure}, so that browsers send them over HTTPS only; turn it off only
     *               where the portal is reached over plain HTTP, as in the local stack
     */
    public record Cookies(@DefaultValue("true") boolean secure) {
    }
}
