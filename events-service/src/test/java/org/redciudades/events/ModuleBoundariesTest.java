package org.redciudades.events;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.testing.ModuleBoundaries;
import org.redciudades.chassis.testing.TableOwnership;
import org.springframework.modulith.core.ApplicationModules;

/** The feature packages of events-service, what each uses of the others, and whose tables each writes. */
class ModuleBoundariesTest {

    @Test
    void feature_packages_use_each_other_only_as_declared_through_their_top_level_types_and_in_no_cycle() {
        ModuleBoundaries.assertDependencies(ApplicationModules.of(EventsApplication.class), Map.of(
                "catalogue", Set.of(),
                "eligibility", Set.of(),
                "registration", Set.of("catalogue", "eligibility"),
                // membership facts change eligibility and end registrations
                "membership", Set.of("eligibility", "registration")));
    }

    @Test
    void each_table_is_written_only_by_the_feature_package_that_owns_it_and_by_the_seat_ledger() {
        TableOwnership.assertOnlyOwnersWrite("org.redciudades.events", Map.of(
                "catalogue", Set.of("event"),
                "eligibility", Set.of("member_eligibility", "staff_contact"),
                "registration", Set.of("registration", "contact_fingerprint", "guest_registration_attempts")), Map.of(
                // Seats are counted on the event row: taking a seat and promoting the waiting list contend
                // for that one lock, which keeps the count exact across instances (see SeatLedger).
                "registration/SeatLedger", Set.of("event")));
    }
}
