package org.redciudades.events.registration;

import java.time.Instant;
import java.util.UUID;
import org.redciudades.chassis.envelope.EventType;
import org.redciudades.events.catalogue.CatalogueEntry;
import org.redciudades.events.catalogue.CatalogueEvent;
import org.redciudades.events.catalogue.EventRecord;

/**
 * Facts about registrations, published on {@link #TOPIC} keyed by event id, so one event's history
 * stays in order. Each carries what a notification needs: the attendee's locale, and the event's
 * title, times, time zone and schedule revision. Schemas: {@code contracts/schemas/<type>.schema.json}.
 */
public sealed interface RegistrationEvent {

    String TOPIC = CatalogueEvent.TOPIC;

    UUID registrationId();

    UUID eventId();

    /**
     * The person registered. {@code manageToken} only for a guest (registered without an account), and
     * only in the facts that tell them where they stand (see {@link #withManageToken}): the token of the
     * link with which they see and cancel this one registration ({@link GuestLinks}).
     */
    record Attendee(String name, String email, String locale, UUID memberId, String manageToken) {

        static Attendee of(Registration registration) {
            return new Attendee(registration.name(), registration.email(), registration.locale(), registration.memberId(),
                    null);
        }

        Attendee withManageToken(String token) {
            return new Attendee(name, email, locale, memberId, token);
        }
    }

    /**
     * This fact as it goes out about a guest's registration: the facts that tell the guest where they now
     * stand (confirmed, waitlisted, pending approval, promoted, approved) carry the token of their manage
     * link, so that the message to them can hold the link, which is their only way back to it; the others
     * do not need it and are left as they are.
     */
    default RegistrationEvent withManageToken(String token) {
        return switch (this) {
            case RegistrationConfirmed f -> new RegistrationConfirmed(f.registrationId(), f.eventId(),
                    f.attendee().withManageToken(token), f.event(), f.confirmedAt());
            case RegistrationWaitlisted f -> new RegistrationWaitlisted(f.registrationId(), f.eventId(),
                    f.attendee().withManageToken(token), f.event(), f.waitlistedAt());
            case RegistrationPendingApproval f -> new RegistrationPendingApproval(f.registrationId(), f.eventId(),
                    f.attendee().withManageToken(token), f.event(), f.requestedAt());
            case RegistrationPromoted f -> new RegistrationPromoted(f.registrationId(), f.eventId(),
                    f.attendee().withManageToken(token), f.event(), f.promotedAt());
            case RegistrationApproved f -> new RegistrationApproved(f.registrationId(), f.eventId(),
                    f.attendee().withManageToken(token), f.event(), f.approvedAt());
            case RegistrationRejected f -> f;
            case RegistrationCancelled f -> f;
            case AttendanceRecorded f -> f;
        };
    }

    /**
     * The event as the attendee's messages need it. {@code onlineLink} is given only in the facts that
     * give someone a seat (confirmed, promoted, approved), since only they may see it.
     */
    record EventSummary(CatalogueEvent.Title title, Instant startsAt, Instant endsAt, String timeZone,
                        int scheduleRevision, String modality, CatalogueEntry.Venue venue, String onlineLink) {

        static EventSummary of(EventRecord event) {
            return new EventSummary(event.title(), event.schedule().startsAt(), event.schedule().endsAt(),
                    event.schedule().timeZone(), event.schedule().revision(), event.modality(), event.venue(),
                    event.onlineLink());
        }

        EventSummary withoutLink() {
            return new EventSummary(title, startsAt, endsAt, timeZone, scheduleRevision, modality, venue, null);
        }
    }

    /** Who ended a registration. */
    enum CancelledBy { ATTENDEE, ORGANIZER, MEMBERSHIP_WITHDRAWN }

    @EventType("org.redciudades.events.registration.confirmed.v1")
    record RegistrationConfirmed(UUID registrationId, UUID eventId, Attendee attendee, EventSummary event,
                                 Instant confirmedAt) implements RegistrationEvent {
    }

    @EventType("org.redciudades.events.registration.waitlisted.v1")
    record RegistrationWaitlisted(UUID registrationId, UUID eventId, Attendee attendee, EventSummary event,
                                  Instant waitlistedAt) implements RegistrationEvent {
    }

    /** The event needs an organizer's approval; a seat is held for this person until the decision. */
    @EventType("org.redciudades.events.registration.pending-approval.v1")
    record RegistrationPendingApproval(UUID registrationId, UUID eventId, Attendee attendee, EventSummary event,
                                       Instant requestedAt) implements RegistrationEvent {
    }

    /** An organizer approved the registration: the person is confirmed in the seat held for them. */
    @EventType("org.redciudades.events.registration.approved.v1")
    record RegistrationApproved(UUID registrationId, UUID eventId, Attendee attendee, EventSummary event,
                                Instant approvedAt) implements RegistrationEvent {
    }

    @EventType("org.redciudades.events.registration.rejected.v1")
    record RegistrationRejected(UUID registrationId, UUID eventId, Attendee attendee, EventSummary event,
                                Instant rejectedAt, RegistrationStatus previousStatus, String reason)
            implements RegistrationEvent {
    }

    /** A waiting registration got a freed seat and is now confirmed. */
    @EventType("org.redciudades.events.registration.promoted.v1")
    record RegistrationPromoted(UUID registrationId, UUID eventId, Attendee attendee, EventSummary event,
                                Instant promotedAt) implements RegistrationEvent {
    }

    @EventType("org.redciudades.events.registration.cancelled.v1")
    record RegistrationCancelled(UUID registrationId, UUID eventId, Attendee attendee, EventSummary event,
                                 Instant cancelledAt, RegistrationStatus previousStatus, CancelledBy cancelledBy)
            implements RegistrationEvent {
    }

    @EventType("org.redciudades.events.attendance.recorded.v1")
    record AttendanceRecorded(UUID registrationId, UUID eventId, Attendee attendee, EventSummary event,
                              Instant attendedAt) implements RegistrationEvent {
    }
}
