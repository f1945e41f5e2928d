package org.redciudades.notification.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The fields of events-service's facts (topic {@code events.event}) that this service reads; anything
 * else in a payload is ignored. Schemas: {@code contracts/schemas/org.redciudades.events.*}.
 */
final class EventFacts {

    private EventFacts() {
    }

    record Title(String es, String en) {
        Title {
            Objects.requireNonNull(es, "title.es");
        }
    }

    record Venue(String city, String country, String address) {
    }

    record Schedule(Instant startsAt, Instant endsAt, String timeZone, int revision) {
        Schedule {
            Objects.requireNonNull(startsAt, "startsAt");
            Objects.requireNonNull(endsAt, "endsAt");
            Objects.requireNonNull(timeZone, "timeZone");
        }
    }

    /**
     * {@code manageToken} only for someone who registered without an account: the token of the link to their
     * registration's page in the portal, a capability for that one registration.
     */
    record Attendee(String name, String email, String locale, String manageToken) {
        Attendee {
            Objects.requireNonNull(email, "attendee.email");
        }
    }

    /** The event as a registration fact describes it; {@code onlineLink} only when the fact gives a seat. */
    record Summary(Title title, Instant startsAt, Instant endsAt, String timeZone, int scheduleRevision,
                   String modality, Venue venue, String onlineLink) {
        Summary {
            Objects.requireNonNull(title, "event.title");
            Objects.requireNonNull(startsAt, "event.startsAt");
            Objects.requireNonNull(endsAt, "event.endsAt");
            Objects.requireNonNull(timeZone, "event.timeZone");
        }

        Schedule schedule() {
            return new Schedule(startsAt, endsAt, timeZone, scheduleRevision);
        }
    }

    /** Any {@code org.redciudades.events.registration.*} fact. */
    record RegistrationFact(UUID registrationId, UUID eventId, Attendee attendee, Summary event, String reason) {
        RegistrationFact {
            Objects.requireNonNull(registrationId, "registrationId");
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(attendee, "attendee");
            Objects.requireNonNull(event, "event");
        }
    }

    record EventAnnounced(UUID eventId, Details event) {
        EventAnnounced {
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(event, "event");
        }

        record Details(Title title, String modality, Venue venue, Schedule schedule) {
            Details {
                Objects.requireNonNull(title, "event.title");
                Objects.requireNonNull(schedule, "event.schedule");
            }
        }
    }

    record EventRescheduled(UUID eventId, Title title, Schedule previous, Schedule schedule) {
        EventRescheduled {
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(schedule, "schedule");
        }
    }

    record EventCancelled(UUID eventId, Title title, Schedule schedule, String reason) {
        EventCancelled {
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(schedule, "schedule");
        }
    }
}
