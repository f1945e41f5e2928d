package org.redciudades.membership.member;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.redciudades.chassis.web.PageQuery;
import org.redciudades.chassis.web.PagedQuery;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class MemberRepository {

    /** The column each sortable field of the members list orders by. */
    private static final Map<String, String> SORTABLE = Map.of("name", "normalized_name", "country", "country",
            "status", "status", "submittedAt", "submitted_at");

    private final JdbcClient jdbc;

    MemberRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Member member) {
        var institution = member.institution();
        jdbc.sql("""
                insert into member (id, name, normalized_name, kind, country, region, city, website, locale, time_zone,
                                    status, submitted_at)
                values (:id, :name, :normalizedName, :kind, :country, :region, :city, :website, :locale, :timeZone,
                        :status, :submittedAt)
                """)
                .param("id", member.id())
                .param("name", institution.name())
                .param("normalizedName", InstitutionNames.normalize(institution.name()))
                .param("kind", institution.kind().name())
                .param("country", institution.country())
                .param("region", institution.region())
                .param("city", institution.city())
                .param("website", institution.website())
                .param("locale", member.locale())
                .param("timeZone", member.timeZone())
                .param("status", member.status().name())
                .param("submittedAt", Timestamp.from(member.submittedAt()))
                .update();
        for (Member.Contact contact : member.contacts()) {
            jdbc.sql("""
                    insert into contact (id, member_id, name, email, title, locale, is_primary)
                    values (:id, :memberId, :name, :email, :title, :locale, :primary)
                    """)
                    .param("id", contact.id())
                    .param("memberId", member.id())
                    .param("name", contact.name())
                    .param("email", contact.email())
                    .param("title", contact.title())
                    .param("locale", contact.locale())
                    .param("primary", contact.primary())
                    .update();
        }
    }

    /** Loads the member and locks its row until the transaction ends, so transitions are serialised. */
    Optional<Member> findForUpdate(UUID id) {
        return find(id, " for update");
    }

    Optional<Member> find(UUID id) {
        return find(id, "");
    }

    private Optional<Member> find(UUID id, String lock) {
        Optional<MemberRow> row = jdbc.sql("select * from member where id = :id" + lock).param("id", id)
                .query(this::mapRow).optional();
        return row.map(r -> new Member(r.id(), r.institution(), r.locale(), r.timeZone(), r.status(),
                contacts(id), agreement(id).orElse(null), r.submittedAt()));
    }

    void updateStatus(UUID id, MemberStatus from, MemberStatus to, String actor, String reason, Instant at) {
        jdbc.sql("update member set status = :status where id = :id")
                .param("status", to.name()).param("id", id).update();
        jdbc.sql("""
                insert into member_transition (member_id, from_status, to_status, actor, reason, occurred_at)
                values (:id, :from, :to, :actor, :reason, :at)
                """)
                .param("id", id).param("from", from.name()).param("to", to.name())
                .param("actor", actor).param("reason", reason).param("at", Timestamp.from(at))
                .update();
    }

    void insertAgreement(UUID memberId, Member.Agreement agreement) {
        jdbc.sql("""
                insert into agreement (id, member_id, signed_on, term_start, term_end, document_reference,
                                       member_signatory, network_signatory)
                values (:id, :memberId, :signedOn, :termStart, :termEnd, :documentReference,
                        :memberSignatory, :networkSignatory)
                """)
                .param("id", agreement.id())
                .param("memberId", memberId)
                .param("signedOn", agreement.signedOn())
                .param("termStart", agreement.termStart())
                .param("termEnd", agreement.termEnd())
                .param("documentReference", agreement.documentReference())
                .param("memberSignatory", agreement.memberSignatory())
                .param("networkSignatory", agreement.networkSignatory())
                .update();
    }

    /**
     * An open application or a member (anything but REJECTED or WITHDRAWN) with the same normalised name
     * and country, or with one of these contact emails.
     */
    Optional<UUID> findDuplicate(String normalizedName, String country, List<String> emails) {
        return jdbc.sql("""
                select m.id from member m
                where m.status not in ('REJECTED', 'WITHDRAWN')
                  and ((m.normalized_name = :name and m.country = :country)
                       or exists (select 1 from contact c where c.member_id = m.id and c.email = any(:emails)))
                order by m.submitted_at limit 1
                """)
                .param("name", normalizedName).param("country", country)
                .param("emails", emails.toArray(String[]::new))
                .query(UUID.class).optional();
    }

    /** Serialises concurrent applications that could be duplicates of each other, until the transaction ends. */
    void lockApplicationKeys(List<String> keys) {
        keys.stream().sorted().forEach(key -> jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:key, 7))")
                .param("key", key).query(Object.class).single());
    }

    /** A page of members matching the filters, by the API's paging conventions. */
    PageQuery.Page<MemberSummary> search(MemberSearch filter, PageQuery page) {
        String name = filter.name() == null || filter.name().isBlank() ? null
                : "%" + InstitutionNames.normalize(filter.name()).replace("%", "").replace("_", "") + "%";
        return PagedQuery.of(jdbc, "member", SORTABLE, "id")
                .filter("status = :status", "status", filter.status())
                .filter("country = :country", "country", filter.country())
                .filter("kind = :kind", "kind", filter.kind())
                .filter("normalized_name like :name", "name", name)
                .page(page, "*", MemberSummary.class);
    }

    public record MemberSearch(MemberStatus status, String country, Member.InstitutionKind kind, String name) {
    }

    public record MemberSummary(UUID id, String name, Member.InstitutionKind kind, String country, String region,
                                String city, MemberStatus status, Instant submittedAt) {
    }

    /** One audited lifecycle step. */
    public record TransitionRecord(MemberStatus from, MemberStatus to, String actor, String reason, Instant at) {
    }

    List<TransitionRecord> transitions(UUID memberId) {
        return jdbc.sql("""
                select from_status as "from", to_status as "to", actor, reason, occurred_at as at
                from member_transition where member_id = :id order by id
                """)
                .param("id", memberId)
                .query(TransitionRecord.class)
                .list();
    }

    /** Members whose current agreement ends on or before {@code horizon} and that may still expire. */
    List<UUID> withAgreementEndingBy(java.time.LocalDate horizon) {
        return jdbc.sql("""
                select m.id from member m
                join lateral (select term_end from agreement a where a.member_id = m.id
                              order by term_start desc, signed_on desc limit 1) current_agreement on true
                where m.status in ('ACTIVE', 'EXPIRING') and current_agreement.term_end <= :horizon
                """)
                .param("horizon", horizon)
                .query(UUID.class)
                .list();
    }

    void insertContact(UUID memberId, Member.Contact contact) {
        jdbc.sql("""
                insert into contact (id, member_id, name, email, title, locale, is_primary)
                values (:id, :memberId, :name, :email, :title, :locale, :primary)
                """)
                .param("id", contact.id()).param("memberId", memberId).param("name", contact.name())
                .param("email", contact.email()).param("title", contact.title()).param("locale", contact.locale())
                .param("primary", contact.primary())
                .update();
    }

    void updateContact(UUID memberId, Member.Contact contact) {
        jdbc.sql("""
                update contact set name = :name, email = :email, title = :title, locale = :locale, is_primary = :primary
                where id = :id and member_id = :memberId
                """)
                .param("id", contact.id()).param("memberId", memberId).param("name", contact.name())
                .param("email", contact.email()).param("title", contact.title()).param("locale", contact.locale())
                .param("primary", contact.primary())
                .update();
    }

    void deleteContact(UUID memberId, UUID contactId) {
        jdbc.sql("delete from contact where id = :id and member_id = :memberId")
                .param("id", contactId).param("memberId", memberId).update();
    }

    /** Replaces the contact's personal data with placeholders that identify no one. */
    void eraseContact(UUID memberId, UUID contactId, Instant at) {
        jdbc.sql("""
                update contact set name = '[erased]', email = 'erased-' || id || '@invalid', title = null,
                                   is_primary = false, erased_at = :at
                where id = :id and member_id = :memberId
                """)
                .param("id", contactId).param("memberId", memberId).param("at", Timestamp.from(at))
                .update();
    }

    void updateProfile(UUID memberId, Member.Institution institution, String locale, String timeZone) {
        jdbc.sql("""
                update member set name = :name, normalized_name = :normalizedName, kind = :kind, country = :country,
                                  region = :region, city = :city, website = :website, locale = :locale,
                                  time_zone = :timeZone
                where id = :id
                """)
                .param("id", memberId).param("name", institution.name())
                .param("normalizedName", InstitutionNames.normalize(institution.name()))
                .param("kind", institution.kind().name()).param("country", institution.country())
                .param("region", institution.region()).param("city", institution.city())
                .param("website", institution.website()).param("locale", locale).param("timeZone", timeZone)
                .update();
    }

    private List<Member.Contact> contacts(UUID memberId) {
        return jdbc.sql("""
                select id, name, email, title, locale, is_primary as "primary"
                from contact where member_id = :id order by is_primary desc, name
                """)
                .param("id", memberId)
                .query(Member.Contact.class)
                .list();
    }

    private Optional<Member.Agreement> agreement(UUID memberId) {
        return jdbc.sql("select * from agreement where member_id = :id order by term_start desc, signed_on desc limit 1")
                .param("id", memberId)
                .query(Member.Agreement.class)
                .optional();
    }

    private MemberRow mapRow(ResultSet rs, int n) throws SQLException {
        return new MemberRow(rs.getObject("id", UUID.class),
                new Member.Institution(rs.getString("name"), Member.InstitutionKind.valueOf(rs.getString("kind")),
                        rs.getString("country"), rs.getString("region"), rs.getString("city"), rs.getString("website")),
                rs.getString("locale"), rs.getString("time_zone"), MemberStatus.valueOf(rs.getString("status")),
                rs.getTimestamp("submitted_at").toInstant());
    }

    private record MemberRow(UUID id, Member.Institution institution, String locale, String timeZone,
                             MemberStatus status, Instant submittedAt) {
    }
}
