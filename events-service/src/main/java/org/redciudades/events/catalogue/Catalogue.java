package org.redciudades.events.catalogue;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.redciudades.chassis.outbox.Outbox;
import org.redciudades.chassis.web.PageQuery;
import org.redciudades.chassis.web.PagedQuery;
import org.redciudades.chassis.web.ProblemException;
import org.redciudades.events.catalogue.CatalogueEvent.Schedule;
import org.redciudades.events.catalogue.EventLifecycle.Visibility;
import org.redciudades.events.catalogue.EventLifecycle.WindowProblem;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Events as organizers draft, announce, change and end them, and as the catalogue shows them. Every
 * change locks the event row first (see {@link #lock}) and, once the event is announced, publishes
 * what changed through the outbox in the same transaction.
 */
@Service
public class Catalogue {

    /** What an organizer describes; times, capacity and status have their own operations once drafted. */
    public record Description(String titleEs, String titleEn, String descriptionEs, String descriptionEn,
                              String modality, CatalogueEntry.Venue venue, String onlineLink,
                              Instant registrationOpensAt, Instant registrationClosesAt, Instant cancellationDeadline) {
    }

    public record NewEvent(EventKind type, Description description, Instant startsAt, Instant endsAt, String timeZone,
                           int capacity, boolean waitlistEnabled, String audience, Integer memberQuota,
                           boolean requiresApproval) {
    }

    /** {@code statuses} null: what the public sees (announced, or closed for registration). */
    public record Filter(EventKind type, String country, String modality, Instant from, Instant to,
                         Set<EventStatus> statuses) {
    }

    private static final Set<EventStatus> LISTED =
            EventLifecycle.statusesWhere(status -> EventLifecycle.visibility(status) == Visibility.LISTED);
    private static final String[] VISIBLE = EventLifecycle.statusesWhere(
            status -> EventLifecycle.visibility(status) != Visibility.ORGANIZERS).stream().map(Enum::name).toArray(String[]::new);
    private static final String ENTRY_COLUMNS =
            "e.*, (select count(*) from registration r where r.event_id = e.id and r.status = 'WAITLISTED') as waiting";
    private static final Map<String, String> SORTABLE = Map.of("startsAt", "e.starts_at", "title", "e.title_es");

    private final JdbcClient jdbc;
    private final Outbox outbox;
    private final Clock clock;
    private final MessageSource messages;

    Catalogue(JdbcClient jdbc, Outbox outbox, Clock clock, MessageSource messages) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.clock = clock;
        this.messages = messages;
    }

    @Transactional
    public CatalogueEntry draft(NewEvent event) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into event (id, type, title_es, starts_at, ends_at, time_zone, capacity, waitlist_enabled,
                                   audience, member_quota, requires_approval, status, created_at)
                values (:id, :type, :titleEs, :startsAt, :endsAt, :timeZone, :capacity, :waitlist,
                        :audience, :quota, :approval, :status, :now)
                """)
                .param("id", id).param("type", event.type().name()).param("titleEs", event.description().titleEs())
                .param("startsAt", Timestamp.from(event.startsAt())).param("endsAt", Timestamp.from(event.endsAt()))
                .param("timeZone", event.timeZone()).param("capacity", event.capacity())
                .param("waitlist", event.waitlistEnabled()).param("audience", event.audience())
                .param("quota", event.memberQuota()).param("approval", event.requiresApproval())
                .param("status", EventStatus.DRAFT.name()).param("now", Timestamp.from(clock.instant()))
                .update();
        describe(id, event.description());
        return get(id, true);
    }

    /** DRAFT → ANNOUNCED, before it starts: the event appears in the public catalogue and opens for registration. */
    @Transactional
    public CatalogueEntry announce(UUID id) {
        apply(lock(id), new EventCommand.Announce());
        return get(id, true);
    }

    /**
     * Replaces titles, descriptions, venue, online link and windows; published once the event is announced.
     * The registration window must fit the event's times. Once registration has closed, a later closing
     * time does not reopen it.
     */
    @Transactional
    public CatalogueEntry update(UUID id, Description description) {
        EventRecord event = lock(id);
        EventLifecycle.Transition step = EventLifecycle.decide(event, new EventCommand.Describe(description), clock.instant());
        EventLifecycle.windowProblem(description.registrationOpensAt(), description.registrationClosesAt(),
                event.schedule().startsAt(), event.schedule().endsAt()).ifPresent(problem -> {
                    throw problem == WindowProblem.OPENS_AFTER_START
                            ? invalid("registrationOpensAt", "events.validation.registration-opens")
                            : invalid("registrationClosesAt", "events.validation.registration-window");
                });
        describe(id, description);
        record(event, step);
        return get(id, true);
    }

    /**
     * New times, which must still hold the registration window: once announced, the schedule revision
     * grows so that calendars update their entry.
     */
    @Transactional
    public CatalogueEntry reschedule(UUID id, Instant startsAt, Instant endsAt, String timeZone) {
        EventRecord event = lock(id);
        EventCommand.Reschedule move = new EventCommand.Reschedule(startsAt, endsAt, timeZone);
        EventLifecycle.Transition step = EventLifecycle.decide(event, move, clock.instant());
        EventLifecycle.windowProblem(event.registrationOpensAt(), event.registrationClosesAt(), startsAt, endsAt)
                .ifPresent(problem -> {
                    throw invalid(problem == WindowProblem.OPENS_AFTER_START ? "startsAt" : "endsAt",
                            "events.validation.schedule-outside-window");
                });
        Schedule schedule = EventLifecycle.rescheduled(event, move);
        jdbc.sql("""
                update event set starts_at = :startsAt, ends_at = :endsAt, time_zone = :timeZone,
                                 schedule_revision = :revision where id = :id
                """)
                .param("startsAt", Timestamp.from(startsAt)).param("endsAt", Timestamp.from(endsAt))
                .param("timeZone", timeZone).param("revision", schedule.revision()).param("id", id).update();
        record(event, step);
        return get(id, true);
    }

    /** ANNOUNCED → REGISTRATION_CLOSED, before the window would close by itself. */
    @Transactional
    public CatalogueEntry closeRegistration(UUID id) {
        apply(lock(id), new EventCommand.CloseRegistration());
        return get(id, true);
    }

    /** Once it has started, an announced event is marked as held; {@link EventTimeline} does it at the end. */
    @Transactional
    public CatalogueEntry complete(UUID id) {
        apply(lock(id), new EventCommand.Complete());
        return get(id, true);
    }

    /**
     * Cancels the event. Its registrations keep their status, for the record; the one published fact
     * tells everyone registered.
     */
    @Transactional
    public CatalogueEntry cancel(UUID id, String reason) {
        EventRecord event = lock(id);
        EventLifecycle.Transition step = EventLifecycle.decide(event, new EventCommand.Cancel(reason), clock.instant());
        jdbc.sql("update event set cancellation_reason = :reason where id = :id").param("reason", reason).param("id", id).update();
        record(event, step);
        return get(id, true);
    }

    /**
     * Takes the next step that time has made due (registration closes, the event completes) at one event,
     * and publishes it; false when none was due. Instances skip the events another is advancing, and
     * the step is checked again under the lock, so each happens, and is published, once.
     */
    @Transactional
    public boolean advanceNextDue() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);   // as PostgreSQL compares it
        Optional<EventRecord> due = jdbc.sql("""
                select * from event
                where (status = any(:closable) and coalesce(registration_closes_at, starts_at) <= :now)
                   or (status = any(:completable) and ends_at <= :now)
                order by starts_at limit 1 for update skip locked
                """)
                .param("closable", names(EventLifecycle.statusesAllowing(EventAction.CLOSE_REGISTRATION)))
                .param("completable", names(EventLifecycle.statusesAllowing(EventAction.COMPLETE)))
                .param("now", Timestamp.from(now))
                .query(EventRecord::map).optional();
        boolean advanced = false;
        for (EventRecord event = due.orElse(null); event != null; event = lock(event.id())) {
            Optional<EventCommand> step = EventLifecycle.due(event, now);
            if (step.isEmpty()) {
                break;
            }
            apply(event, step.get());
            advanced = true;
        }
        return advanced;
    }

    /**
     * Reads the event and locks its row until the transaction ends. Every change to an event or its
     * seats takes this lock first (before any registration row), so one event's facts reach the outbox
     * in commit order and transactions cannot deadlock.
     */
    public EventRecord lock(UUID id) {
        return jdbc.sql("select * from event where id = :id for update").param("id", id)
                .query(EventRecord::map).optional()
                .orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "event-not-found", id));
    }

    /**
     * The event as it is now, read without a lock, with its version: {@code event_version}, a digest of every
     * column but {@code seats_taken}, so that registrations taking seats do not change it and anything an
     * organizer changes does. A writer that decides on the event before locking it (see
     * {@code registration.SeatLedger#register}) checks under the lock that the version is still this one.
     */
    public Versioned versioned(UUID id) {
        return jdbc.sql("select e.*, event_version(e) as version from event e where e.id = :id").param("id", id)
                .query((rs, n) -> new Versioned(EventRecord.map(rs, n), rs.getString("version"))).optional()
                .orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "event-not-found", id));
    }

    /** An event as read, and its version (see {@link #versioned}). */
    public record Versioned(EventRecord event, String version) {
    }

    /**
     * The outbox row that {@link #publish} would append for the fact, prepared but not written, for a writer
     * that appends it in the same database call as its change.
     */
    public Outbox.Entry factAbout(UUID eventId, Object fact) {
        return outbox.entry(CatalogueEvent.TOPIC, eventId.toString(), fact);
    }

    /** Publishes a fact about an event on its topic, keyed by event id; call in the changing transaction. */
    public void publish(UUID eventId, Object fact) {
        outbox.append(CatalogueEvent.TOPIC, eventId.toString(), fact);
    }

    /** One event; a draft, and the online link, are for organizers only. */
    public CatalogueEntry get(UUID id, boolean organizer) {
        return jdbc.sql("select " + ENTRY_COLUMNS + " from event e where e.id = :id"
                        + (organizer ? "" : " and e.status = any(:visible)"))
                .param("id", id).param("visible", VISIBLE).query((rs, n) -> map(rs, organizer)).optional()
                .orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "event-not-found", id));
    }

    /**
     * The events as the lifecycles read them, without a lock: for views that say what each one allows now,
     * such as a person's own registrations. Ids of no event are left out.
     */
    public Map<UUID, EventRecord> records(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("select * from event where id in (:ids)").param("ids", List.copyOf(ids))
                .query(EventRecord::map).stream()
                .collect(Collectors.toMap(EventRecord::id, Function.identity()));
    }

    /** Events soonest first by default, with seats left and waiting-list length. */
    public PageQuery.Page<CatalogueEntry> list(Filter filter, PageQuery page, boolean organizer) {
        Set<EventStatus> statuses = filter.statuses() == null || !organizer ? LISTED : filter.statuses();
        return PagedQuery.of(jdbc, "event e", SORTABLE, "e.id")
                .where("e.status = any(:statuses)", "statuses", statuses.stream().map(Enum::name).toArray(String[]::new))
                .filter("e.type = :type", "type", filter.type())
                .filter("e.venue_country = :country", "country", filter.country())
                .filter("e.modality = :modality", "modality", filter.modality())
                .filter("e.ends_at >= :from", "from", filter.from())
                .filter("e.starts_at <= :to", "to", filter.to())
                .page(page, ENTRY_COLUMNS, (rs, n) -> map(rs, organizer));
    }

    private void describe(UUID id, Description d) {
        CatalogueEntry.Venue venue = d.venue();
        jdbc.sql("""
                update event set title_es = :titleEs, title_en = :titleEn, description_es = :descriptionEs,
                       description_en = :descriptionEn, modality = :modality, venue_city = :city,
                       venue_country = :country, venue_address = :address, online_link = :link,
                       registration_opens_at = :opens, registration_closes_at = :closes,
                       cancellation_deadline = :deadline
                where id = :id
                """)
                .param("titleEs", d.titleEs()).param("titleEn", d.titleEn())
                .param("descriptionEs", d.descriptionEs()).param("descriptionEn", d.descriptionEn())
                .param("modality", d.modality())
                .param("city", venue == null ? null : venue.city())
                .param("country", venue == null ? null : venue.country())
                .param("address", venue == null ? null : venue.address())
                .param("link", d.onlineLink())
                .param("opens", timestamp(d.registrationOpensAt())).param("closes", timestamp(d.registrationClosesAt()))
                .param("deadline", timestamp(d.cancellationDeadline())).param("id", id)
                .update();
    }

    private void setStatus(UUID id, EventStatus status) {
        jdbc.sql("update event set status = :status where id = :id").param("status", status.name()).param("id", id).update();
    }

    /** Checks the step, moves the status and publishes its fact. */
    private void apply(EventRecord event, EventCommand command) {
        record(event, EventLifecycle.decide(event, command, clock.instant()));
    }

    private void record(EventRecord event, EventLifecycle.Transition step) {
        if (step.to() != event.status()) {
            setStatus(event.id(), step.to());
        }
        step.fact().ifPresent(fact -> publish(event.id(), fact));
    }

    /** A 400 like Bean Validation's, for a field that is wrong only against what is stored. */
    private ProblemException invalid(String field, String reason) {
        return new ProblemException(HttpStatus.BAD_REQUEST, "validation").with("errors", List.of(Map.of("field", field,
                "reason", messages.getMessage(reason, null, reason, LocaleContextHolder.getLocale()))));
    }

    private static String[] names(Set<EventStatus> statuses) {
        return statuses.stream().map(Enum::name).toArray(String[]::new);
    }

    private CatalogueEntry map(ResultSet rs, boolean organizer) throws SQLException {
        EventRecord e = EventRecord.map(rs, 0);
        return new CatalogueEntry(e.id(), e.type(), e.title().es(), e.title().en(), e.description().es(),
                e.description().en(), e.modality(), e.venue(), organizer ? e.onlineLink() : null,
                e.schedule().startsAt(), e.schedule().endsAt(), e.schedule().timeZone(), e.schedule().revision(),
                e.capacity(), Math.max(0, e.capacity() - e.seatsTaken()), rs.getLong("waiting"), e.waitlistEnabled(),
                e.registrationOpensAt(), e.registrationClosesAt(), e.cancellationDeadline(), e.audience(),
                e.memberQuota(), e.requiresApproval(), e.status(), rs.getString("cancellation_reason"));
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
