package org.redciudades.chassis.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

/**
 * The boundaries between a service's feature packages, as Spring Modulith finds them: each direct
 * sub-package of the application's package is a module, used by the others only through the types at its
 * top level. A service declares which modules each one uses, so a new dependency is a decision in review.
 */
public final class ModuleBoundaries {

    private ModuleBoundaries() {
    }

    /**
     * Fails on a cycle between modules, on a use of another module's internal (sub-package) types, and
     * unless each module depends on exactly the modules {@code declared} for it.
     */
    public static void assertDependencies(ApplicationModules modules, Map<String, Set<String>> declared) {
        modules.verify();
        Map<String, Set<String>> actual = new TreeMap<>();
        modules.stream().forEach(module -> actual.put(name(module), module.getDirectDependencies(modules).uniqueModules()
                .map(ModuleBoundaries::name).collect(Collectors.toCollection(TreeSet::new))));
        Map<String, Set<String>> expected = new TreeMap<>();
        declared.forEach((module, uses) -> expected.put(module, new TreeSet<>(uses)));
        assertThat(actual).as("the modules each feature package uses").isEqualTo(expected);
    }

    private static String name(ApplicationModule module) {
        return module.getIdentifier().toString();
    }
}
