package org.redciudades.chassis.privacy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Email addresses as personal data: how to find them in text, and the one fingerprint every service
 * keeps of an address when it must recognise a person later (for erasure) without keeping the address.
 */
public final class EmailAddresses {

    /** An email address within any text; group 1 is its domain. */
    public static final Pattern IN_TEXT = Pattern.compile("[\\p{L}\\p{N}._%+-]+@([\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)+)");

    private EmailAddresses() {
    }

    /** The address as services compare it: without surrounding spaces, in lower case. */
    public static String normalized(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    /** SHA-256 of the {@linkplain #normalized normalized} address, in lower-case hex. */
    public static String fingerprint(String email) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(normalized(email).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the whole of {@code text} is one address. */
    public static boolean isAddress(String text) {
        return text != null && IN_TEXT.matcher(text.strip()).matches();
    }
}
