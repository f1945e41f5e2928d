package org.redciudades.events.registration;

import java.util.Optional;
import java.util.UUID;
import org.redciudades.chassis.security.Caller;
import org.redciudades.events.eligibility.StaffContacts.Affiliation;
import org.redciudades.events.registration.RegistrationEvent.CancelledBy;

/**
 * Who asks to register, or to see or cancel a registration: an organizer, or a signed-in person (the
 * token's subject) with the institution their verified email is a contact of, if any
 * ({@link org.redciudades.events.eligibility.StaffContacts}). It holds the one ownership rule,
 * {@link #maySee}.
 *
 * @param institution null for a person who is nobody's contact
 */
public record Requester(String subject, boolean organizer, Affiliation institution) {

    /** An organizer acting through the API, for the steps only organizers take. */
    static Requester anOrganizer() {
        return new Requester(null, true, null);
    }

    public static Requester of(Caller caller, Optional<Affiliation> institution) {
        return new Requester(caller.subject(), caller.isOrganizer(), institution.orElse(null));
    }

    /** The institution the person acts for: the one they are a contact of, while it is ACTIVE. */
    public Optional<UUID> actsFor() {
        return institution != null && institution.active() ? Optional.of(institution.memberId()) : Optional.empty();
    }

    /**
     * Ownership: organizers see every registration; a person sees the registrations they made; the primary
     * contact of an active institution also sees those made for it (its staff's). Anyone else is told that
     * the registration does not exist.
     */
    public boolean maySee(Registration registration) {
        if (organizer) {
            return true;
        }
        if (subject != null && subject.equals(registration.registeredBy())) {
            return true;
        }
        return institution != null && institution.primary() && registration.memberId() != null
                && actsFor().filter(registration.memberId()::equals).isPresent();
    }

    /** An organizer cancels as one; anyone else (the attendee or their primary contact) as the attendee, by the deadline. */
    CancelledBy cancelsAs() {
        return organizer ? CancelledBy.ORGANIZER : CancelledBy.ATTENDEE;
    }
}
