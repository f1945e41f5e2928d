package org.redciudades.events.eligibility;

import java.util.Collection;
import java.util.Optional;
import java.util.UUID;
import org.redciudades.chassis.privacy.EmailAddresses;
import org.redciudades.events.eligibility.MemberEligibility.Status;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * This service's own projection of who acts for which member institution: every member contact, by the
 * fingerprint of their email ({@link EmailAddresses#fingerprint}; the address is never kept), with their
 * institution and whether they are its primary contact. Built only from membership's contact facts, so
 * that moving, removing or erasing a contact, or a change of primary contact, counts as soon as the fact
 * is consumed; whether the institution is active is {@link MemberEligibility}'s to say.
 */
@Repository
public class StaffContacts {

    /**
     * The institution a person is a contact of, whether they are its primary contact, and its status here
     * (null: an institution this service never saw activated).
     */
    public record Affiliation(UUID memberId, boolean primary, Status status) {
        /** Only a contact of an ACTIVE institution acts for it. */
        public boolean active() {
            return status == Status.ACTIVE;
        }
    }

    /** A contact as membership's facts carry it. */
    public record Contact(UUID contactId, String email, boolean primary) {
    }

    private final JdbcClient jdbc;

    StaffContacts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A contact added or changed: its institution, its address and whether it is the primary contact now. */
    public void remember(UUID memberId, Contact contact) {
        jdbc.sql("""
                insert into staff_contact (contact_id, member_id, email_sha256, is_primary)
                values (:id, :member, :hash, :primary)
                on conflict (contact_id) do update
                   set member_id = excluded.member_id, email_sha256 = excluded.email_sha256, is_primary = excluded.is_primary
                """)
                .param("id", contact.contactId()).param("member", memberId)
                .param("hash", EmailAddresses.fingerprint(contact.email())).param("primary", contact.primary())
                .update();
    }

    /**
     * The whole list of an institution's contacts, as an application or an activation carries it: each is
     * remembered, and any other contact of that institution is forgotten.
     */
    public void replaceAll(UUID memberId, Collection<Contact> contacts) {
        contacts.forEach(contact -> remember(memberId, contact));
        jdbc.sql("delete from staff_contact where member_id = :member and contact_id <> all(:kept)")
                .param("member", memberId)
                .param("kept", contacts.stream().map(Contact::contactId).toArray(UUID[]::new))
                .update();
    }

    /** A contact removed or erased: they no longer act for the institution. */
    public void forget(UUID contactId) {
        jdbc.sql("delete from staff_contact where contact_id = :id").param("id", contactId).update();
    }

    /**
     * The institution a person with this verified email acts for. An address may be a contact of several
     * institutions; the answer is then, in this order: an ACTIVE institution before any other; among
     * those, one where the person is the primary contact; then the lowest member id, so that the same
     * facts always give the same answer. Empty when the address is nobody's contact. The answer may be an
     * institution that is not active (see {@link Affiliation#active}), so that callers can say why the
     * person does not act for it.
     */
    public Optional<Affiliation> of(String verifiedEmail) {
        return jdbc.sql("""
                select s.member_id, s.is_primary, m.status
                from staff_contact s left join member_eligibility m on m.member_id = s.member_id
                where s.email_sha256 = :hash
                order by (m.status = 'ACTIVE') is true desc, s.is_primary desc, s.member_id
                limit 1
                """)
                .param("hash", EmailAddresses.fingerprint(verifiedEmail))
                .query((rs, n) -> new Affiliation(rs.getObject("member_id", UUID.class), rs.getBoolean("is_primary"),
                        rs.getString("status") == null ? null : Status.valueOf(rs.getString("status"))))
                .optional();
    }
}
