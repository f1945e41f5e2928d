package org.redciudades.events.eligibility;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * This service's own projection of membership: which institutions may register for members-only
 * events. It is built only from membership events, never by asking membership-service.
 */
@Repository
public class MemberEligibility {

    /** Only ACTIVE institutions are eligible. */
    public enum Status { ACTIVE, SUSPENDED, EXPIRED, WITHDRAWN }

    public record Entry(UUID memberId, String name, String country, Status status, Instant since) {
        public boolean eligible() {
            return status == Status.ACTIVE;
        }
    }

    private static final Logger log = LoggerFactory.getLogger(MemberEligibility.class);

    private final JdbcClient jdbc;

    MemberEligibility(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void activate(UUID memberId, String name, String country, Instant since) {
        jdbc.sql("""
                insert into member_eligibility (member_id, name, country, status, since)
                values (:id, :name, :country, 'ACTIVE', :since)
                on conflict (member_id) do update
                   set name = excluded.name, country = excluded.country, status = 'ACTIVE', since = excluded.since
                """)
                .param("id", memberId).param("name", name).param("country", country)
                .param("since", Timestamp.from(since))
                .update();
        log.info("Member {} is eligible for events (ACTIVE)", memberId);
    }

    /**
     * Moves a known institution to {@code status} if it is now in one of {@code from}; an institution
     * this service never saw activated stays unknown, and so not eligible. Returns whether it moved.
     */
    public boolean move(UUID memberId, Set<Status> from, Status status, Instant since) {
        boolean moved = jdbc.sql("""
                update member_eligibility set status = :status, since = :since
                where member_id = :id and status = any(:from)
                """)
                .param("status", status.name()).param("since", Timestamp.from(since)).param("id", memberId)
                .param("from", from.stream().map(Enum::name).toArray(String[]::new))
                .update() == 1;
        if (moved) {
            log.info(status == Status.ACTIVE ? "Member {} is eligible for events again ({})"
                    : "Member {} is no longer eligible for events ({})", memberId, status);
        }
        return moved;
    }

    public Optional<Entry> find(UUID memberId) {
        return jdbc.sql("select * from member_eligibility where member_id = :id").param("id", memberId)
                .query(Entry.class)
                .optional();
    }
}
