package org.redciudades.chassis.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.redciudades.chassis.testing.KafkaTopics.cloudEvent;
import static org.redciudades.chassis.testing.KafkaTopics.write;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.deadletter.DeadLetterErasure.Person;
import org.redciudades.chassis.sample.SampleApplication;
import org.redciudades.chassis.testing.RealInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Erasure reaches dead letters: a record that failed while naming someone keeps its row, status and error,
 * so ops still see what failed, but no longer who it was about.
 */
@SpringBootTest(classes = SampleApplication.class)
@ContextConfiguration(initializers = RealInfrastructure.class)
class DeadLetterErasureTest {

    static final AtomicLong OFFSETS = new AtomicLong();
    static final String NAME = "Mariana Ávila Treviño";

    @Autowired
    DeadLetterErasure erasure;
    @Autowired
    DeadLetters deadLetters;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void a_dead_letter_that_names_an_erased_person_keeps_its_row_but_not_her_address_or_name() {
        String email = unique("mariana.avila");
        UUID contact = UUID.randomUUID();
        UUID hers = kept("""
                {"memberId": "0b6f3c1e-8a5d-4c1e-9a57-3f1f7a8d2c10", "institution": {"name": "IMPLAN Torreón"},
                 "contacts": [
                   {"contactId": "%s", "name": "%s", "email": "%s", "title": "Coordinadora de Vinculación", "locale": "es-MX"},
                   {"contactId": "%s", "name": "Jorge Luis Castañeda Ríos", "email": "jorge@implan-torreon.example.mx"}],
                 "note": "Escribir a %s (%s)"}
                """.formatted(contact, NAME, email.toUpperCase(), UUID.randomUUID(), email, NAME),
                "SMTP 550 <" + email + ">: mailbox unavailable");
        UUID someoneElses = kept("{\"email\": \"jorge@implan-torreon.example.mx\", \"name\": \"Jorge\"}", "boom");

        int scrubbed = erase(Person.withEmails(List.of(" " + email + " ")));

        assertThat(scrubbed).isEqualTo(1);
        DeadLetters.Detail detail = deadLetters.get(hers);
        assertThat(detail.data().toLowerCase()).doesNotContain(email).doesNotContain("vinculación");
        assertThat(detail.data()).doesNotContain(NAME)
                .contains("\"contactId\":\"" + contact + "\"", "\"email\":\"[erased]\"", "\"name\":\"[erased]\"",
                        "\"title\":\"[erased]\"", "\"locale\":\"es-MX\"", "Escribir a [erased] ([erased])",
                        "IMPLAN Torreón", "Jorge Luis Castañeda Ríos", "jorge@implan-torreon.example.mx");
        assertThat(detail.errorMessage()).isEqualTo("SMTP 550 <[erased]>: mailbox unavailable");
        assertThat(detail.status()).isEqualTo(DeadLetters.Status.PENDING);
        assertThat(detail.actions()).singleElement().satisfies(action -> {
            assertThat(action.action()).isEqualTo("ERASE");
            assertThat(action.actor()).isEqualTo("organizer-7");
            assertThat(action.reason()).isEqualTo("contact.erased 42");
        });
        assertThat(deadLetters.get(someoneElses).data()).isEqualTo("{\"email\": \"jorge@implan-torreon.example.mx\", \"name\": \"Jorge\"}");
        assertThat(deadLetters.get(someoneElses).actions()).isEmpty();
    }

    @Test
    void a_person_known_only_by_id_is_found_and_so_are_the_letters_that_name_her_address_alone() {
        String email = unique("solo.id");
        UUID contact = UUID.randomUUID();
        UUID byId = kept("{\"contact\": {\"contactId\": \"" + contact + "\", \"name\": \"" + NAME + "\", \"email\": \"" + email + "\"}}", null);
        UUID byAddress = kept("{\"registrationId\": \"" + UUID.randomUUID() + "\", \"recipient\": \"" + email + "\"}", null);

        assertThat(erase(Person.withEmails(List.of()).identifiedBy("contactId", contact))).isEqualTo(2);

        assertThat(deadLetters.get(byId).data()).doesNotContain(email).doesNotContain(NAME).contains(contact.toString());
        assertThat(deadLetters.get(byAddress).data()).doesNotContain(email).contains("\"recipient\":\"[erased]\"");
    }

    @Test
    void a_payload_that_is_not_json_is_dropped_whole_and_the_row_stays() {
        String email = unique("roto");
        UUID broken = kept("{\"contacts\": [{\"name\": \"" + NAME + "\", \"email\": \"" + email + "\"", "Unexpected end-of-input");

        assertThat(erase(Person.withEmails(List.of(email)))).isEqualTo(1);

        DeadLetters.Detail detail = deadLetters.get(broken);
        assertThat(detail.data()).isNull();
        assertThat(detail.errorMessage()).isEqualTo("Unexpected end-of-input");
        assertThat(detail.actions()).extracting(DeadLetters.Action::action).containsExactly("ERASE");
    }

    @Test
    void a_dead_letter_that_arrives_after_the_erasure_is_scrubbed_as_it_is_kept() {
        String email = unique("tarde");
        UUID contact = UUID.randomUUID();
        erase(Person.withEmails(List.of(email)).identifiedBy("contactId", contact));

        String eventId = UUID.randomUUID().toString();
        write(RealInfrastructure.kafkaBrokers(), cloudEvent("sample.note", UUID.randomUUID().toString(), eventId,
                "org.redciudades.sample.note.created.v9", """
                        {"noteId": "%s", "text": "para %s", "author": {"contactId": "%s", "name": "%s"}}
                        """.formatted(UUID.randomUUID(), email, contact, NAME)));

        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql("select count(*) from dead_letter where event_id = :id")
                .param("id", eventId).query(Long.class).single() == 1);
        UUID id = jdbc.sql("select id from dead_letter where event_id = :id").param("id", eventId).query(UUID.class).single();
        DeadLetters.Detail detail = deadLetters.get(id);
        assertThat(detail.data()).doesNotContain(email).doesNotContain(NAME).contains("para [erased]");
        assertThat(detail.actions()).extracting(DeadLetters.Action::action).containsExactly("ERASE");
    }

    @Test
    void erasure_refuses_to_run_outside_the_transaction_of_the_erasure_it_belongs_to() {
        assertThatThrownBy(() -> erasure.erase(Person.withEmails(List.of("x@example.org")), "organizer-7", "contact.erased 42"))
                .isInstanceOf(IllegalStateException.class);
    }

    private int erase(Person person) {
        return transactions.execute(status -> erasure.erase(person, "organizer-7", "contact.erased 42"));
    }

    /** A dead letter as the collector would have kept it. */
    private UUID kept(String payload, String errorMessage) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into dead_letter (id, dead_letter_topic, dead_letter_partition, dead_letter_offset, original_topic,
                                         record_key, headers, payload, event_type, error_class, error_message, received_at, status)
                values (:id, 'error.test.erasure', 0, :offset, 'test', :key, cast(:headers as jsonb), :payload,
                        'org.redciudades.test.thing.happened.v1', 'java.lang.IllegalStateException', :error, :now, 'PENDING')
                """)
                .param("id", id).param("offset", OFFSETS.incrementAndGet()).param("key", id.toString().getBytes(StandardCharsets.UTF_8))
                .param("headers", "{\"ce_type\": \"org.redciudades.test.thing.happened.v1\"}")
                .param("payload", payload.getBytes(StandardCharsets.UTF_8)).param("error", errorMessage)
                .param("now", Timestamp.from(Instant.now()))
                .update();
        return id;
    }

    private static String unique(String local) {
        return local + "-" + UUID.randomUUID().toString().substring(0, 8) + "@implan-torreon.example.mx";
    }
}
