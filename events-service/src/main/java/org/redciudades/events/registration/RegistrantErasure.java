package org.redciudades.events.registration;

import java.util.Collection;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The right to erasure for people who registered as member contacts. membership's contact facts leave
 * here only a fingerprint (SHA-256 of the lower-cased email) per contact; a {@code contact.erased}
 * then blanks the name and replaces the email of every registration with a matching address. The
 * registrations themselves, and their seats, stay, so that the counts remain true.
 */
@Repository
public class RegistrantErasure {

    /** Indexed: {@code registration_by_email_fingerprint} is on {@code email_fingerprint(email)}. */
    static final String SCRUB = """
            update registration set name = '', email = 'erased-' || id || '@erased.invalid', updated_at = now()
            where email_fingerprint(email) = any(:hashes)
            """;

    private final JdbcClient jdbc;

    RegistrantErasure(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void rememberContact(UUID contactId, String email) {
        jdbc.sql("insert into contact_fingerprint (contact_id, email_sha256) values (:id, :hash) on conflict do nothing")
                .param("id", contactId).param("hash", fingerprint(email)).update();
    }

    /** Scrubs the contact's registrations and forgets the contact; returns how many registrations were scrubbed. */
    public int erase(UUID contactId) {
        Collection<String> hashes = jdbc.sql("select email_sha256 from contact_fingerprint where contact_id = :id")
                .param("id", contactId).query(String.class).list();
        int scrubbed = hashes.isEmpty() ? 0
                : jdbc.sql(SCRUB).param("hashes", hashes.toArray(String[]::new)).update();
        jdbc.sql("delete from contact_fingerprint where contact_id = :id").param("id", contactId).update();
        return scrubbed;
    }

    static String fingerprint(String email) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(email.strip().toLowerCase(Locale.ROOT).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
