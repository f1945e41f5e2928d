package org.redciudades.notification.privacy;

import java.util.Collection;
import java.util.UUID;
import org.redciudades.chassis.deadletter.DeadLetterErasure;
import org.redciudades.chassis.deadletter.DeadLetterErasure.Person;
import org.redciudades.chassis.privacy.EmailAddresses;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The right to erasure, here: once a person is erased upstream, this service keeps no name or email of
 * theirs. Their delivery-log rows stay, for the counts, with the address and the content blanked, and
 * anything not yet sent to them is dropped. Dead letters that name them are scrubbed too.
 * <p>
 * This is the one class that writes the tables of other feature packages (delivery, inbox, preferences,
 * events, membership), on purpose: every place that holds a person's address is listed here, in one
 * transaction, so that an erasure can be read and checked whole. The boundary test
 * ({@code ModuleBoundariesTest}) declares it; a new table with personal data belongs in this list.
 */
@Repository
public class Erasure {

    private final JdbcClient jdbc;
    private final DeadLetterErasure deadLetters;

    Erasure(JdbcClient jdbc, DeadLetterErasure deadLetters) {
        this.jdbc = jdbc;
        this.deadLetters = deadLetters;
    }

    /**
     * A member contact, under every address they have had here, and in the dead letters that name them by
     * address or by contact id (which finds them even if no fact about them was ever applied here).
     */
    public void eraseContact(UUID contactId, Collection<String> addresses, String erasedBy, String reason) {
        addresses.forEach(this::eraseEmail);
        deadLetters.erase(Person.withEmails(addresses).identifiedBy("contactId", contactId), erasedBy, reason);
    }

    public void eraseEmail(String email) {
        String address = EmailAddresses.normalized(email);
        jdbc.sql("delete from inbox_item where recipient = :email").param("email", address).update();
        jdbc.sql("delete from preference where email = :email").param("email", address).update();
        jdbc.sql("""
                update notification set status = case when status = 'PENDING' then 'DROPPED' else status end,
                    recipient = 'erased-' || id || '@erased.invalid', subject = '', body_text = '', body_html = '',
                    calendar = null, list_unsubscribe = null, qr_code = null, last_error = case when status = 'PENDING' then 'recipient erased' else last_error end
                where lower(recipient) = :email
                """).param("email", address).update();
        jdbc.sql("""
                update registrant set email = 'erased-' || registration_id || '@erased.invalid', name = '', status = 'ENDED'
                where lower(email) = :email
                """).param("email", address).update();
        jdbc.sql("delete from member_contact where lower(email) = :email").param("email", address).update();
    }
}
