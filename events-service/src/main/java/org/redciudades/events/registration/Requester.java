package org.redciudades.events.registration;

import java.util.Optional;
import java.util.UUID;
import org.redciudades.chassis.security.Caller;
import org.redciudades.events.eligibility.StaffContacts.Affiliation;
import org.redciudades.events.registration.RegistrationEvent.CancelledBy;

/**
 * Who asks to register, or to see or cancel a registration: an organizer, a signed-in person (the
 * token's subject) with the institution their verified email is a contact of, if any
 * ({@link org.redciudades.events.eligibility.StaffContacts}), or someone without an account: a guest
 * registering, or whoever holds a guest registration's manage link. It holds the one ownership rule,
 * {@link #maySee}.
 *
 * @param institution null for a person who is nobody's contact
 * @param manages     the guest registration whose manage link the caller holds, checked ({@link GuestLinks});
 *                    null otherwise
 */
public record Requester(String subject, boolean organizer, Affiliation institution, UUID manages) {

    /** An organizer acting through the API, for the steps only organizers take. */
    static Requester anOrganizer() {
        return new Requester(null, true, null, null);
    }

    /** Someone without an account: no subject, no institution, no role. */
    static Requester aGuest() {
        return new Requester(null, false, null, null);
    }

    /** Whoever holds the manage link of {@code registrationId}, once {@link GuestLinks} has checked its token. */
    static Requester holderOfLinkTo(UUID registrationId) {
        return new Requester(null, false, null, registrationId);
    }

    public static Requester of(Caller caller, Optional<Affiliation> institution) {
        return new Requester(caller.subject(), caller.isOrganizer(), institution.orElse(null), null);
    }

    /** The institution the person acts for: the one they are a contact of, while it is ACTIVE. */
    public Optional<UUID> actsFor() {
        return institution != null && institution.active() ? Optional.of(institution.memberId()) : Optional.empty();
    }

    /**
     * Ownership: organizers see every registration; a person sees the registrations they made; the primary
     * contact of an active institution also sees those made for it (its staff's); the holder of a guest
     * registration's manage link sees that one. Anyone else is told that the registration does not exist.
     */
    public boolean maySee(Registration registration) {
        if (organizer) {
            return true;
        }
        if (subject != null && subject.equals(registration.registeredBy())) {
            return true;
        }
        if (manages != null) {
            return registration.guest() && manages.equals(registration.id());
        }
        return institution != null && institution.primary() && registration.memberId() != null
                && actsFor().filter(registration.memberId()::equals).isPresent();
    }

    /**
     * An organizer cancels as one; anyone else (the attendee, their primary contact, or a guest through their
     * link) as the attendee, by the deadline.
     */
    CancelledBy cancelsAs() {
        return organizer ? CancelledBy.ORGANIZER : CancelledBy.ATTENDEE;
    }
}
