package org.redciudades.events.registration;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The manage link of a registration made without an account, as pretix sends one: its token is an
 * HMAC-SHA256 of the registration id under a key only this service holds, so it needs no account and
 * cannot be made for another registration. Whoever holds it may see and cancel that one registration;
 * it goes out only in the facts that the guest's messages are made from
 * ({@link RegistrationEvent#withManageToken}).
 */
@Component
@EnableConfigurationProperties(GuestLinks.Settings.class)
public class GuestLinks {

    /**
     * @param secret the signing key of the manage links; changing it invalidates every link already sent. The one in
     *               application.yml is a development secret, refused outside the local profile (the chassis'
     *               DevelopmentSecrets): production sets {@code EVENTS_GUESTLINKS_SECRET} to a long random value.
     */
    @ConfigurationProperties("events.guest-links")
    record Settings(String secret) {
    }

    private static final String PURPOSE = "guest-registration:";

    private final SecretKeySpec key;

    GuestLinks(Settings settings) {
        if (settings.secret() == null || settings.secret().isBlank()) {
            throw new IllegalStateException("events.guest-links.secret is blank: set EVENTS_GUESTLINKS_SECRET to a long "
                    + "random value");
        }
        this.key = new SecretKeySpec(settings.secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** The token of the registration's manage link (base64url, 43 characters). */
    public String tokenFor(UUID registrationId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(registrationId));
    }

    /** Whether {@code token} is the registration's, compared in constant time; a missing or malformed one is not. */
    public boolean verify(UUID registrationId, String token) {
        if (registrationId == null || token == null) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(mac(registrationId), given);
    }

    private byte[] mac(UUID registrationId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal((PURPOSE + registrationId).getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
