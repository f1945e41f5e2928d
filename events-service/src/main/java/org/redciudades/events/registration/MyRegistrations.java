package org.redciudades.events.registration;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.redciudades.chassis.web.PageQuery;
import org.redciudades.chassis.web.PagedQuery;
import org.redciudades.events.catalogue.Catalogue;
import org.redciudades.events.catalogue.EventKind;
import org.redciudades.events.catalogue.EventRecord;
import org.redciudades.events.catalogue.EventStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The registrations a person made themselves (their token's subject registered them), as their own page
 * lists them: where each stands, what they may still do, and the event it is for. Only what the person
 * made: nothing about anyone else, not even what their institution's staff made. Someone without an
 * account has one registration per manage link, shown the same way ({@link #one}).
 */
@Service
public class MyRegistrations {

    /** Upcoming: the event has not ended yet; past: it has. */
    public enum When { UPCOMING, PAST }

    public static final Set<String> SORTABLE_FIELDS = Set.of("startsAt");

    /**
     * One of the person's registrations. {@code waitlistPosition} only while waiting (1: the next to get a
     * seat); {@code onlineLink} only once the seat is confirmed; {@code mayCancel} whether the person may
     * cancel it now.
     */
    @Schema(name = "MyRegistration")
    public record Entry(UUID id, RegistrationStatus status, Integer waitlistPosition, boolean mayCancel,
                        String onlineLink, Event event) {
    }

    /** The event, as its public page describes it; times are UTC instants, with the zone it happens in. */
    @Schema(name = "MyRegistrationEvent")
    public record Event(UUID id, String titleEs, String titleEn, EventKind type, String modality, Instant startsAt,
                        Instant endsAt, String timeZone, Venue venue, EventStatus status) {
    }

    @Schema(name = "MyRegistrationVenue")
    public record Venue(String city, String country) {
    }

    /**
     * One registration as the page of its own shows it to the person it is for: what an {@link Entry} says,
     * with the name, email and language it was made with.
     */
    @Schema(name = "OwnRegistration")
    public record Own(UUID id, String name, String email, String locale, RegistrationStatus status,
                      Integer waitlistPosition, boolean mayCancel, String onlineLink, Event event) {
    }

    private static final String FROM = "registration r join event e on e.id = r.event_id";
    private static final Map<String, String> SORT_COLUMNS = Map.of("startsAt", "e.starts_at");

    private final JdbcClient jdbc;
    private final SeatLedger seats;
    private final Registrations registrations;
    private final Catalogue catalogue;
    private final Clock clock;

    MyRegistrations(JdbcClient jdbc, SeatLedger seats, Registrations registrations, Catalogue catalogue, Clock clock) {
        this.jdbc = jdbc;
        this.seats = seats;
        this.registrations = registrations;
        this.catalogue = catalogue;
        this.clock = clock;
    }

    /**
     * By the event's start: soonest first for what is upcoming, the most recent first otherwise, unless
     * {@code sort} says.
     */
    public static String defaultSort(When when) {
        return when == When.UPCOMING ? "startsAt,asc" : "startsAt,desc";
    }

    /**
     * The registrations {@code by} made, of events still to end or already ended, or all of them. One
     * snapshot for the page and what is read for it, so a waiting place matches the status beside it.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public PageQuery.Page<Entry> page(Requester by, When when, PageQuery page) {
        Instant now = clock.instant();
        PagedQuery query = PagedQuery.of(jdbc, FROM, SORT_COLUMNS, "r.id")
                .where("r.registered_by = :subject", "subject", by.subject());
        if (when != null) {
            query.where(when == When.UPCOMING ? "e.ends_at > :now" : "e.ends_at <= :now", "now", now);
        }
        PageQuery.Page<Registration> made = query.page(page, "r.*", SeatLedger::map);
        List<UUID> ids = made.items().stream().map(Registration::id).toList();
        Map<UUID, EventRecord> events = catalogue.records(made.items().stream().map(Registration::eventId).distinct().toList());
        Map<UUID, Integer> places = seats.waitlistPlaces(ids);
        RegistrationCommand cancel = new RegistrationCommand.Cancel(by.cancelsAs());
        List<Entry> entries = made.items().stream()
                .map(registration -> entry(registration, events.get(registration.eventId()), places.get(registration.id()),
                        RegistrationLifecycle.allows(registration, cancel, events.get(registration.eventId()), now)))
                .toList();
        return new PageQuery.Page<>(entries, made.page(), made.size(), made.totalItems(), made.totalPages());
    }

    /**
     * One registration, as {@link #page} would list it, with the person it is for; for whoever may see it
     * ({@link Requester#maySee}), 404 {@code registration-not-found} to anyone else. {@code mayCancel} is for
     * the cancellation {@code by} would make. One snapshot, as for a page.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Own one(UUID registrationId, Requester by) {
        Registration registration = registrations.get(registrationId, by);
        EventRecord event = catalogue.records(List.of(registration.eventId())).get(registration.eventId());
        boolean mayCancel = RegistrationLifecycle.allows(registration, new RegistrationCommand.Cancel(by.cancelsAs()),
                event, clock.instant());
        Entry entry = entry(registration, event, seats.waitlistPlaces(List.of(registrationId)).get(registrationId), mayCancel);
        return new Own(entry.id(), registration.name(), registration.email(), registration.locale(), entry.status(),
                entry.waitlistPosition(), entry.mayCancel(), entry.onlineLink(), entry.event());
    }

    private static Entry entry(Registration registration, EventRecord event, Integer waitlistPosition, boolean mayCancel) {
        String link = RegistrationLifecycle.seesOnlineLink(registration.status()) ? event.onlineLink() : null;
        Venue venue = event.venue() == null ? null : new Venue(event.venue().city(), event.venue().country());
        return new Entry(registration.id(), registration.status(), waitlistPosition, mayCancel, link,
                new Event(event.id(), event.title().es(), event.title().en(), event.type(), event.modality(),
                        event.schedule().startsAt(), event.schedule().endsAt(), event.schedule().timeZone(), venue,
                        event.status()));
    }
}
