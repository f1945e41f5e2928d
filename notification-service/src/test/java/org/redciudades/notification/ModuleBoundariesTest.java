package org.redciudades.notification;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.testing.ModuleBoundaries;
import org.redciudades.chassis.testing.TableOwnership;
import org.springframework.modulith.core.ApplicationModules;

/** The feature packages of notification-service, what each uses of the others, and whose tables each writes. */
class ModuleBoundariesTest {

    @Test
    void feature_packages_use_each_other_only_as_declared_through_their_top_level_types_and_in_no_cycle() {
        ModuleBoundaries.assertDependencies(ApplicationModules.of(NotificationApplication.class), Map.of(
                "calendar", Set.of("delivery"),
                "delivery", Set.of("inbox"),
                "events", Set.of("calendar", "delivery", "membership", "preferences"),
                "inbox", Set.of(),
                "membership", Set.of("delivery", "privacy"),
                "preferences", Set.of(),
                // privacy uses no other package's code, yet writes their tables: see the test below
                "privacy", Set.of()));
    }

    @Test
    void each_table_is_written_only_by_the_feature_package_that_owns_it_and_by_erasure() {
        TableOwnership.assertOnlyOwnersWrite("org.redciudades.notification", Map.of(
                "delivery", Set.of("notification", "delivery_retry"),
                "events", Set.of("event_detail", "registrant", "reminder"),
                "inbox", Set.of("inbox_item"),
                "membership", Set.of("member", "member_contact", "member_contact_address"),
                "preferences", Set.of("preference")), Map.of(
                // The one exception, on purpose: Erasure lists in one transaction every table that holds a
                // person's address, so that an erasure can be read and checked whole (see Erasure).
                "privacy/Erasure", Set.of("inbox_item", "member_contact", "notification", "preference", "registrant")));
    }
}
