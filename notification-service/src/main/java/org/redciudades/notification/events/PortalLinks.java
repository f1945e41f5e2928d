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
 * (people who registered signed in find theirs in the portal, and get no such link); the page where
 * a reader confirms that they unsubscribe, with the signed parameters of {@link UnsubscribeLinks}; and the
 * organizers' check-in page of a registration, which a seat's QR code opens.
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
     * {@code <portal>/organizer/check-in/{id}}: the organizers' page of the registration at the door, which
     * the QR code in a seat's message encodes, so that an organizer's phone camera opens it.
     */
    String checkIn(UUID registrationId) {
        return UriComponentsBuilder.fromUriString(settings.publicUrl()).path("/organizer/check-in/{id}")
                .buildAndExpand(registrationId).toUriString();
    }

    /**
     * The registration code people show or say at the door: the first eight hexadecimal digits of the
     * registration's id, in capitals, in two groups ({@code 3F2A-9C1B}). The portal's check-in page finds
     * a registration of the event by it, the same way.
     */
    static String registrationCode(UUID registrationId) {
        String hex = registrationId.toString().substring(0, 8).toUpperCase(java.util.Locale.ROOT);
        return hex.substring(0, 4) + "-" + hex.substring(4);
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
