package org.redciudades.membership;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.testing.ModuleBoundaries;
import org.redciudades.chassis.testing.TableOwnership;
import org.springframework.modulith.core.ApplicationModules;

/** membership-service is one feature package today, {@code member}; a second one starts from these rules. */
class ModuleBoundariesTest {

    @Test
    void feature_packages_use_each_other_only_as_declared_through_their_top_level_types_and_in_no_cycle() {
        ModuleBoundaries.assertDependencies(ApplicationModules.of(MembershipApplication.class), Map.of(
                "member", Set.of()));
    }

    @Test
    void each_table_is_written_only_by_the_feature_package_that_owns_it() {
        TableOwnership.assertOnlyOwnersWrite("org.redciudades.membership", Map.of(
                "member", Set.of("member", "contact", "agreement", "member_transition")), Map.of());
    }
}
