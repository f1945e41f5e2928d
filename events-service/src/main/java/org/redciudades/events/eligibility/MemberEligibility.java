package org.redciudades.events.eligibility;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * This service's own projection of membership: which institutions may register for members-only
 * events. It is built only from membership events, never by asking membership-service.
 */
@Repository
public class MemberEligibility {

    public enum Status { ACTIVE }

    public record Entry(UUID memberId, String name, String country, Status status, Instant since) {
        public boolean eligible() {
            return status == Status.ACTIVE;
        }
    }

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
    }

    public Optional<Entry> find(UUID memberId) {
        return jdbc.sql("select * from member_eligibility where member_id = :id").param("id", memberId)
                .query((rs, n) -> new Entry(rs.getObject("member_id", UUID.class), rs.getString("name"),
                        rs.getString("country"), Status.valueOf(rs.getString("status")),
                        rs.getTimestamp("since").toInstant()))
                .optional();
    }
}
