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
 * Unsubscribe links: the link names the person and the category, signed with a server secret
 * (HMAC-SHA256), so it needs no login and cannot be forged for someone else. The same signed parameters
 * make two links: the one-click URL of this service that mail clients POST to (RFC 8058), and the
 * portal's page that the email's body links to, where a person confirms with a button.
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

    /** The parameters of a link for {@code email} (normalized) and {@code category}, with their signature. */
    public record Signed(String email, Preferences.Category category, String signature) {
    }

    private final Settings settings;

    UnsubscribeLinks(Settings settings) {
        this.settings = settings;
    }

    public Signed sign(String email, Preferences.Category category) {
        String address = Preferences.normalize(email);
        return new Signed(address, category, signature(address, category));
    }

    /** This service's one-click URL, for the {@code List-Unsubscribe} header. */
    public String oneClick(Signed signed) {
        return withParameters(UriComponentsBuilder.fromUriString(settings.publicUrl()).path("/api/v1/unsubscribe"), signed);
    }

    /**
     * {@code base} with the link's parameters, each encoded whole (a "+" in an address is %2B, not a
     * space once read).
     */
    public static String withParameters(UriComponentsBuilder base, Signed signed) {
        return base.queryParam("email", "{email}").queryParam("category", "{category}")
                .queryParam("signature", "{signature}").encode()
                .buildAndExpand(signed.email(), signed.category().name(), signed.signature()).toUriString();
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
        boolean valid = MessageDigest.isEqual(signature(address, parsed).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
        return valid ? Optional.of(new Request(address, parsed)) : Optional.empty();
    }

    private String signature(String email, Preferences.Category category) {
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
