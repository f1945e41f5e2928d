package org.redciudades.events.registration;

import java.util.Set;
import java.util.UUID;
import org.redciudades.chassis.privacy.EmailAddresses;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The right to erasure for people who registered as member contacts. membership's facts that carry a
 * contact leave here only a fingerprint ({@link EmailAddresses#fingerprint}) of each address the contact
 * has had; a {@code contact.erased} then blanks the name and replaces the email of every registration
 * with a matching address. The registrations themselves, and their seats, stay, so that the counts
 * remain true.
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
                .param("id", contactId).param("hash", EmailAddresses.fingerprint(email)).update();
    }

    /**
     * Scrubs the contact's registrations and forgets the contact; returns the fingerprints of the addresses
     * they were known by, for the rest of the erasure (dead letters).
     */
    public Set<String> erase(UUID contactId) {
        Set<String> hashes = Set.copyOf(jdbc.sql("select email_sha256 from contact_fingerprint where contact_id = :id")
                .param("id", contactId).query(String.class).list());
        if (!hashes.isEmpty()) {
            jdbc.sql(SCRUB).param("hashes", hashes.toArray(String[]::new)).update();
        }
        jdbc.sql("delete from contact_fingerprint where contact_id = :id").param("id", contactId).update();
        return hashes;
    }
}
