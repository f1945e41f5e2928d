package org.redciudades.events.catalogue;

import java.time.Instant;
import java.util.UUID;
import org.redciudades.events.catalogue.CatalogueEvent.Schedule;
import org.redciudades.events.catalogue.CatalogueEvent.Title;

/**
 * An event as the lifecycles read it, for tests that need no running service: a workshop from
 * {@link #START} to two hours later, with a waiting list, open from its announcement until the start.
 */
public record AnEvent(EventStatus status, Instant startsAt, Instant opensAt, Instant closesAt, Instant cancellationDeadline,
                      boolean requiresApproval, boolean waitlistEnabled) {

    public static final Instant START = Instant.parse("2027-03-10T15:00:00Z");
    public static final Instant END = START.plusSeconds(7200);

    public static AnEvent in(EventStatus status) {
        return new AnEvent(status, START, null, null, null, false, true);
    }

    public AnEvent withWindow(Instant opens, Instant closes) {
        return new AnEvent(status, startsAt, opens, closes, cancellationDeadline, requiresApproval, waitlistEnabled);
    }

    public AnEvent withCancellationDeadline(Instant deadline) {
        return new AnEvent(status, startsAt, opensAt, closesAt, deadline, requiresApproval, waitlistEnabled);
    }

    public AnEvent withApproval() {
        return new AnEvent(status, startsAt, opensAt, closesAt, cancellationDeadline, true, waitlistEnabled);
    }

    public AnEvent withoutWaitlist() {
        return new AnEvent(status, startsAt, opensAt, closesAt, cancellationDeadline, requiresApproval, false);
    }

    public EventRecord record() {
        return new EventRecord(UUID.fromString("e4a1c7d3-2f6b-4a9e-8c5d-1b3f7a9e2c46"), EventKind.WORKSHOP,
                new Title("Taller de movilidad urbana", "Urban mobility workshop"), new Title("Calles completas.", null),
                "VIRTUAL", null, "https://meet.example.org/movilidad",
                new Schedule(startsAt, startsAt.plusSeconds(7200), "America/Guatemala", 0), 30, 0, waitlistEnabled,
                opensAt, closesAt, cancellationDeadline, "PUBLIC", null, requiresApproval, status);
    }
}
