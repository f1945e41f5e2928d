package org.redciudades.events.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.privacy.EmailAddresses;
import org.redciudades.events.EventsScenario;
import org.redciudades.events.EventsServiceTest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Erasure looks a person's registrations up by email fingerprint through an index, not by reading them all. */
@EventsServiceTest
class ErasureLookupTest {

    private static final Logger log = LoggerFactory.getLogger(ErasureLookupTest.class);

    @Autowired
    EventsScenario scenario;
    @Autowired
    JdbcClient jdbc;

    @Test
    void erasure_finds_a_persons_registrations_through_the_fingerprint_index() {
        UUID event = scenario.seededEvent(100_000, Instant.parse("2027-09-01T15:00:00Z"));
        jdbc.sql("""
                insert into registration (id, event_id, email, name, locale, status, created_at, updated_at)
                select gen_random_uuid(), :event, 'asistente-' || n || '@municipio.example.gt', 'Asistente ' || n, 'es-MX',
                       'CONFIRMED', now(), now()
                from generate_series(1, 20000) n
                """).param("event", event).update();
        UUID mariana = scenario.registerDirectly(event, "Mariana.Avila@IMPLAN-Torreon.example.mx", null);
        jdbc.sql("analyze registration").update();
        String[] hers = {EmailAddresses.fingerprint("mariana.avila@implan-torreon.example.mx")};

        List<String> plan = jdbc.sql("explain " + RegistrantErasure.SCRUB).param("hashes", hers).query(String.class).list();

        log.info("Plan of the erasure's lookup:\n{}", String.join("\n", plan));
        assertThat(String.join("\n", plan)).contains("registration_by_email_fingerprint").doesNotContain("Seq Scan");
        assertThat(jdbc.sql("select id from registration where email_fingerprint(email) = any(:hashes)")
                .param("hashes", hers).query(UUID.class).list()).as("the index's fingerprint is the service's").containsExactly(mariana);
    }
}
