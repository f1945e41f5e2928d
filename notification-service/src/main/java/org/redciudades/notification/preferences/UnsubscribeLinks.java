package org.redciudades.notification.preferences;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * One-click unsubscribe links (RFC 8058): the link names the person and the category, signed with a
 * server secret (HMAC-SHA256), so it needs no login and cannot be forged for someone else.
 */
@Component
@EnableConfigurationProperties(UnsubscribeLinks.Settings.class)
public class UnsubscribeLinks {

    /**
     * @param publicUrl where this service is reached from a mail client
     * @param secret    the signing key; set a long random one in production
     */
    @ConfigurationProperties("notification.unsubscribe")
    public record Settings(String publicUrl, String secret) {
    }

    public record Request(String email, Preferences.Category category) {
    }

    private final Settings settings;

    UnsubscribeLinks(Settings settings) {
        this.settings = settings;
    }

    public String linkFor(String email, Preferences.Category category) {
        String address = Preferences.normalize(email);
        return UriComponentsBuilder.fromUriString(settings.publicUrl()).path("/api/v1/unsubscribe")
                .queryParam("email", address).queryParam("category", category.name())
                .queryParam("signature", sign(address, category)).encode().build().toUriString();
    }

    /** The request the link names, if its signature is right. */
    public Optional<Request> verify(String email, String category, String signature) {
        Preferences.Category parsed;
        try {
            parsed = Preferences.Category.valueOf(category);
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
        if (email == null || signature == null) {
            return Optional.empty();
        }
        String address = Preferences.normalize(email);
        boolean valid = MessageDigest.isEqual(sign(address, parsed).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
        return valid ? Optional.of(new Request(address, parsed)) : Optional.empty();
    }

    private String sign(String email, Preferences.Category category) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(settings.secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((category.name() + ":" + email).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

}
