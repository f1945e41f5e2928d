package org.redciudades.events.catalogue;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.redciudades.chassis.web.PageQuery;
import org.redciudades.chassis.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Events as organizers draft and announce them, and as the public catalogue shows them. */
@Service
public class Catalogue {

    public record NewEvent(EventKind type, String titleEs, String titleEn, String descriptionEs, String descriptionEn,
                           String modality, CatalogueEntry.Venue venue, String onlineLink, Instant startsAt,
                           Instant endsAt, String timeZone, int capacity, boolean waitlistEnabled,
                           Instant registrationOpensAt, Instant registrationClosesAt, String audience,
                           Integer memberQuota, boolean requiresApproval) {
    }

    public record Filter(EventKind type, String country, String modality, Instant from, Instant to) {
    }

    private static final String ENTRY = """
            select e.*, (select count(*) from registration r where r.event_id = e.id and r.status = 'WAITLISTED') as waiting
            from event e
            """;

    private final JdbcClient jdbc;
    private final Clock clock;

    Catalogue(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional
    public CatalogueEntry draft(NewEvent event) {
        UUID id = UUID.randomUUID();
        CatalogueEntry.Venue venue = event.venue();
        jdbc.sql("""
                insert into event (id, type, title_es, title_en, description_es, description_en, modality, venue_city,
                                   venue_country, venue_address, online_link, starts_at, ends_at, time_zone, capacity,
                                   waitlist_enabled, registration_opens_at, registration_closes_at, audience,
                                   member_quota, requires_approval, status, created_at)
                values (:id, :type, :titleEs, :titleEn, :descriptionEs, :descriptionEn, :modality, :city, :country,
                        :address, :link, :startsAt, :endsAt, :timeZone, :capacity, :waitlist, :opens, :closes,
                        :audience, :quota, :approval, 'DRAFT', :now)
                """)
                .param("id", id).param("type", event.type().name())
                .param("titleEs", event.titleEs()).param("titleEn", event.titleEn())
                .param("descriptionEs", event.descriptionEs()).param("descriptionEn", event.descriptionEn())
                .param("modality", event.modality())
                .param("city", venue == null ? null : venue.city())
                .param("country", venue == null ? null : venue.country())
                .param("address", venue == null ? null : venue.address())
                .param("link", event.onlineLink())
                .param("startsAt", Timestamp.from(event.startsAt())).param("endsAt", Timestamp.from(event.endsAt()))
                .param("timeZone", event.timeZone()).param("capacity", event.capacity())
                .param("waitlist", event.waitlistEnabled())
                .param("opens", timestamp(event.registrationOpensAt())).param("closes", timestamp(event.registrationClosesAt()))
                .param("audience", event.audience()).param("quota", event.memberQuota())
                .param("approval", event.requiresApproval()).param("now", Timestamp.from(clock.instant()))
                .update();
        return get(id, true);
    }

    /** DRAFT → ANNOUNCED: the event appears in the public catalogue and opens for registration. */
    @Transactional
    public CatalogueEntry announce(UUID id) {
        String status = jdbc.sql("select status from event where id = :id for update").param("id", id)
                .query(String.class).optional()
                .orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "event-not-found", id));
        if (!"DRAFT".equals(status)) {
            throw new ProblemException(HttpStatus.CONFLICT, "event-not-draft", id, status).with("currentStatus", status);
        }
        jdbc.sql("update event set status = 'ANNOUNCED' where id = :id").param("id", id).update();
        return get(id, true);
    }

    /** One event; a draft is visible to organizers only. */
    public CatalogueEntry get(UUID id, boolean organizer) {
        return jdbc.sql(ENTRY + " where e.id = :id" + (organizer ? "" : " and e.status <> 'DRAFT'"))
                .param("id", id).query(this::map).optional()
                .orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "event-not-found", id));
    }

    /** The announced events, soonest first by default, with seats left and waiting-list length. */
    public PageQuery.Page<CatalogueEntry> announced(Filter filter, PageQuery page) {
        StringBuilder where = new StringBuilder(" where e.status = 'ANNOUNCED'");
        Map<String, Object> params = new HashMap<>();
        if (filter.type() != null) {
            where.append(" and e.type = :type");
            params.put("type", filter.type().name());
        }
        if (filter.country() != null) {
            where.append(" and e.venue_country = :country");
            params.put("country", filter.country());
        }
        if (filter.modality() != null) {
            where.append(" and e.modality = :modality");
            params.put("modality", filter.modality());
        }
        if (filter.from() != null) {
            where.append(" and e.ends_at >= :from");
            params.put("from", Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            where.append(" and e.starts_at <= :to");
            params.put("to", Timestamp.from(filter.to()));
        }
        long total = jdbc.sql("select count(*) from event e" + where).params(params).query(Long.class).single();
        String order = (page.sortField().equals("title") ? "e.title_es" : "e.starts_at")
                + (page.ascending() ? " asc" : " desc") + ", e.id";
        List<CatalogueEntry> items = jdbc.sql(ENTRY + where + " order by " + order + " limit :limit offset :offset")
                .params(params).param("limit", page.size()).param("offset", page.offset())
                .query(this::map).list();
        return PageQuery.Page.of(items, page, total);
    }

    private CatalogueEntry map(ResultSet rs, int n) throws SQLException {
        String city = rs.getString("venue_city");
        return new CatalogueEntry(rs.getObject("id", UUID.class), EventKind.valueOf(rs.getString("type")),
                rs.getString("title_es"), rs.getString("title_en"), rs.getString("description_es"),
                rs.getString("description_en"), rs.getString("modality"),
                city == null ? null : new CatalogueEntry.Venue(city, rs.getString("venue_country"), rs.getString("venue_address")),
                rs.getTimestamp("starts_at").toInstant(), rs.getTimestamp("ends_at").toInstant(),
                rs.getString("time_zone"), rs.getInt("capacity"),
                Math.max(0, rs.getInt("capacity") - rs.getInt("confirmed")), rs.getLong("waiting"),
                rs.getBoolean("waitlist_enabled"), instant(rs.getTimestamp("registration_opens_at")),
                instant(rs.getTimestamp("registration_closes_at")), rs.getString("audience"), rs.getString("status"));
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
