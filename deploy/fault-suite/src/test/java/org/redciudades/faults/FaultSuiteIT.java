package org.redciudades.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.testing.TestIdentityProvider;
import org.redciudades.chassis.testing.TestSecrets;
import org.redciudades.chassis.testing.TestTokens;

/**
 * The fault suite (deploy/fault-suite/README.md): runs only with {@code -Pfaults}, through {@code run.sh}. Settings,
 * as system properties: {@code faults.scenarios} (a comma-separated choice of leader, rolling, instances, database,
 * smtp; all by default), {@code faults.repeat} (1), {@code faults.workers} (6), {@code faults.per-second} (at most 50
 * registrations a second in all; 0 for as fast as answers come), {@code faults.warmup} and
 * {@code faults.after} (seconds of load before and after each fault: 20, 20).
 */
class FaultSuiteIT {

    private static final Path REPO = Path.of(System.getProperty("repo.dir", "../..")).toAbsolutePath().normalize();
    private static final Path WORK = Path.of("target", "fault-suite").toAbsolutePath();

    @Test
    void nothingAcknowledgedIsLostOrDoubledUnderBrokerServiceDatabaseAndSmtpFaults() throws Exception {
        deleteRecursively(WORK);
        Files.createDirectories(WORK);
        var shape = new FaultScenarios.LoadShape(Integer.getInteger("faults.workers", 6),
                Integer.getInteger("faults.events", 4), Integer.getInteger("faults.capacity", 300),
                Integer.getInteger("faults.member-every", 40),
                Double.parseDouble(System.getProperty("faults.per-second", "50")),
                Duration.ofSeconds(Integer.getInteger("faults.warmup", 20)),
                Duration.ofSeconds(Integer.getInteger("faults.after", 20)),
                Integer.getInteger("faults.most", 100_000));
        var chosen = Arrays.asList(System.getProperty("faults.scenarios", "leader,rolling,instances,database,smtp")
                .split(","));
        int repeat = Integer.getInteger("faults.repeat", 1);

        var issuer = TestIdentityProvider.get().issuer();
        TestTokens.withRole("organizer"); // puts the organizer into the provider
        var organizer = TestTokens.subjectWithRole("organizer");
        var tokenFile = WORK.resolve("organizer.token");

        var results = new ArrayList<FaultScenarios.Result>();
        try (var platform = new Platform(REPO, WORK)) {
            platform.start(java.net.URI.create(issuer), TestSecrets.arguments());
            var scenarios = new FaultScenarios(platform, WORK, tokenFile, shape);
            int number = 0;
            for (int round = 1; round <= repeat; round++) {
                for (var name : chosen) {
                    // a fresh token each scenario: they live an hour, a whole run can take longer
                    Files.writeString(tokenFile, TestIdentityProvider.get().signIn(organizer));
                    var scenario = switch (name.strip()) {
                        case "leader" -> FaultScenarios.leaderKilled();
                        case "rolling" -> FaultScenarios.rollingRestart();
                        case "instances" -> FaultScenarios.instancesKilled();
                        case "database" -> FaultScenarios.databasePaused("events");
                        case "smtp" -> FaultScenarios.smtpRefusing();
                        default -> throw new IllegalArgumentException("no scenario " + name);
                    };
                    results.add(scenarios.run(scenario, ++number));
                    Files.writeString(WORK.resolve("report.md"), Report.table(results));
                }
            }
        }
        System.out.println();
        System.out.println(Report.table(results));
        assertThat(results).allSatisfy(result -> assertThat(result.findings().clean())
                .as("%s: %s", result.name(), result.findings().examples()).isTrue());
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (var path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
