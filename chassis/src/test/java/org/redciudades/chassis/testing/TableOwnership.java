package org.redciudades.chassis.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;

/**
 * The boundary that type checks cannot see: which feature package writes which table. Each table that a
 * service's migrations create has one owning package, and only that package's code inserts, updates or
 * deletes its rows, except for the writers declared by name. The check reads the service's sources
 * ({@code src/main/java}, from the module's directory as tests run) and finds the SQL that writes.
 */
public final class TableOwnership {

    private static final Pattern CREATE = Pattern.compile("(?i)create\\s+table\\s+(?:if\\s+not\\s+exists\\s+)?(\\w+)");
    private static final Pattern WRITE = Pattern.compile(
            "(?i)\\binsert\\s+into\\s+(\\w+)|\\bdelete\\s+from\\s+(\\w+)|\\bupdate\\s+(\\w+)\\s+set\\b");

    private TableOwnership() {
    }

    /**
     * @param basePackage  the application's package, e.g. {@code org.redciudades.notification}; its direct
     *                     sub-packages are the feature packages
     * @param owners       for each feature package, the tables it owns
     * @param otherWriters classes (as {@code package/Class}) allowed to write tables of other packages, and
     *                     which; each is an exception a reader should know of, so say why where it is declared
     */
    public static void assertOnlyOwnersWrite(String basePackage, Map<String, Set<String>> owners,
                                             Map<String, Set<String>> otherWriters) {
        Map<String, String> ownerOf = new TreeMap<>();
        owners.forEach((owner, tables) -> tables.forEach(table -> ownerOf.put(table, owner)));
        Set<String> created = createdTables(Path.of("src/main/resources/db/migration"));
        Map<String, Set<String>> foreignWrites = new TreeMap<>();
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(ownerOf.keySet()).as("tables with an owning package").isEqualTo(created);

        Path root = Path.of("src/main/java", basePackage.split("\\."));
        for (Path source : files(root, ".java")) {
            Path relative = root.relativize(source);
            if (relative.getNameCount() < 2) {
                continue;   // the application's own package belongs to no feature
            }
            String feature = relative.getName(0).toString();
            String writer = feature + "/" + relative.getFileName().toString().replace(".java", "");
            Matcher write = WRITE.matcher(read(source));
            while (write.find()) {
                String table = Stream.of(write.group(1), write.group(2), write.group(3))
                        .filter(name -> name != null).findFirst().orElseThrow().toLowerCase();
                if (created.contains(table) && !feature.equals(ownerOf.get(table))) {
                    foreignWrites.computeIfAbsent(writer, w -> new TreeSet<>()).add(table);
                }
            }
        }
        softly.assertThat(foreignWrites).as("classes that write tables of another package (owners: %s)", owners)
                .isEqualTo(new TreeMap<>(otherWriters));
        softly.assertAll();
    }

    private static Set<String> createdTables(Path migrations) {
        Set<String> tables = new TreeSet<>();
        for (Path migration : files(migrations, ".sql")) {
            Matcher create = CREATE.matcher(read(migration));
            while (create.find()) {
                tables.add(create.group(1).toLowerCase());
            }
        }
        return tables;
    }

    private static Set<Path> files(Path root, String suffix) {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(path -> path.toString().endsWith(suffix)).collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
