package org.redciudades.notification.events;

import java.util.UUID;
import org.redciudades.notification.preferences.UnsubscribeLinks;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Links to the portal's pages in messages: the page where someone who registered without an account sees
 * and cancels their registration, with the token events-service gave it ({@code attendee.manageToken})
 * (people who registered signed in find theirs in the portal, and get no such link); and the page where
 * a reader confirms that they unsubscribe, with the signed parameters of {@link UnsubscribeLinks}.
 */
@Component
@EnableConfigurationProperties(PortalLinks.Settings.class)
class PortalLinks {

    /** @param publicUrl where people reach the portal from their mail client */
    @ConfigurationProperties("notification.portal")
    record Settings(String publicUrl) {
    }

    private final Settings settings;

    PortalLinks(Settings settings) {
        this.settings = settings;
    }

    /** {@code <portal>/registrations/{id}/manage?token=<token>}. */
    String manageRegistration(UUID registrationId, String token) {
        return UriComponentsBuilder.fromUriString(settings.publicUrl()).path("/registrations/{id}/manage")
                .queryParam("token", "{token}").encode().buildAndExpand(registrationId, token).toUriString();
    }

    /**
     * {@code <portal>/unsubscribe?email=&category=&signature=}: a page that asks before it changes anything,
     * so that link scanners opening it unsubscribe nobody.
     */
    String unsubscribe(UnsubscribeLinks.Signed signed) {
        return UnsubscribeLinks.withParameters(UriComponentsBuilder.fromUriString(settings.publicUrl()).path("/unsubscribe"),
                signed);
    }
}
