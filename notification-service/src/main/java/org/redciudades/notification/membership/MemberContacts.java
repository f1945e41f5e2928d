package org.redciudades.notification.membership;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.redciudades.chassis.privacy.EmailAddresses;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * This service's projection of member institutions and their contacts, from membership facts only:
 * whom to write to about a member, in which language.
 */
@Repository
public class MemberContacts {

    record Member(UUID memberId, String name, String locale, String timeZone, String status) {
    }

    /** A contact as messages address them: the contact's own locale, or else the institution's. */
    public record Recipient(UUID contactId, String name, String email, String locale) {
    }

    record Contact(UUID contactId, String name, String email, String locale, boolean primary) {
    }

    private final JdbcClient jdbc;

    MemberContacts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void saveMember(UUID memberId, String name, String locale, String timeZone, String status) {
        jdbc.sql("""
                insert into member (member_id, name, locale, time_zone, status)
                values (:id, :name, :locale, :zone, :status)
                on conflict (member_id) do update set name = excluded.name, locale = excluded.locale,
                    time_zone = excluded.time_zone, status = excluded.status
                """)
                .param("id", memberId).param("name", name).param("locale", locale == null ? "es-MX" : locale)
                .param("zone", timeZone == null ? "America/Mexico_City" : timeZone).param("status", status)
                .update();
    }

    /** Moves a known member to {@code status}; unknown members stay unknown. */
    void setStatus(UUID memberId, String status) {
        jdbc.sql("update member set status = :status where member_id = :id").param("status", status).param("id", memberId).update();
    }

    Optional<Member> member(UUID memberId) {
        return jdbc.sql("select * from member where member_id = :id").param("id", memberId).query(Member.class).optional();
    }

    /** Adds or updates a contact of a member this service knows, and remembers the address. */
    void saveContact(UUID memberId, Contact contact) {
        jdbc.sql("""
                insert into member_contact (contact_id, member_id, name, email, locale, is_primary)
                select :id, :member, :name, :email, :locale, :primary where exists (select 1 from member where member_id = :member)
                on conflict (contact_id) do update set member_id = excluded.member_id, name = excluded.name, email = excluded.email,
                    locale = excluded.locale, is_primary = excluded.is_primary
                """)
                .param("id", contact.contactId()).param("member", memberId).param("name", contact.name())
                .param("email", EmailAddresses.normalized(contact.email())).param("locale", contact.locale())
                .param("primary", contact.primary())
                .update();
        jdbc.sql("""
                insert into member_contact_address (contact_id, email)
                select contact_id, email from member_contact where contact_id = :id
                on conflict do nothing
                """).param("id", contact.contactId()).update();
    }

    /** Forgets a contact; returns every address it has had here (none if it was never known). */
    List<String> removeContact(UUID contactId) {
        jdbc.sql("delete from member_contact where contact_id = :id").param("id", contactId).update();
        return jdbc.sql("delete from member_contact_address where contact_id = :id returning email").param("id", contactId)
                .query(String.class).list();
    }

    /** The contacts of every active member institution, each once. */
    public List<Recipient> ofActiveMembers() {
        return jdbc.sql("""
                select distinct on (lower(c.email)) c.contact_id, c.name, c.email, coalesce(c.locale, m.locale) as locale
                from member_contact c join member m on m.member_id = c.member_id
                where m.status = 'ACTIVE' order by lower(c.email), c.is_primary desc, c.contact_id
                """)
                .query(Recipient.class)
                .list();
    }

    List<Recipient> recipients(UUID memberId) {
        return jdbc.sql("""
                select c.contact_id, c.name, c.email, coalesce(c.locale, m.locale) as locale
                from member_contact c join member m on m.member_id = c.member_id
                where c.member_id = :id order by c.is_primary desc, c.contact_id
                """).param("id", memberId)
                .query(Recipient.class)
                .list();
    }
}
