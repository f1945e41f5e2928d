package org.redciudades.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.redciudades.chassis.testing.KafkaTopics.cloudEvent;
import static org.redciudades.chassis.testing.KafkaTopics.header;
import static org.redciudades.chassis.testing.KafkaTopics.readUntil;
import static org.redciudades.chassis.testing.KafkaTopics.text;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.testing.ContractExample;
import org.redciudades.chassis.testing.KafkaTopics;
import org.redciudades.chassis.testing.ServiceOnContainersTest;
import org.redciudades.events.EventsScenario.ContactFact;
import org.redciudades.events.catalogue.CatalogueEvent;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.testcontainers.kafka.KafkaContainer;

/** events-service on Kafka and PostgreSQL containers, as a user with Docker or podman runs it. */
@ServiceOnContainersTest
@Import(EventsScenario.class)
class EventsContainersIT {

    @Autowired
    EventsScenario scenario;
    @Autowired
    KafkaContainer kafkaContainer;

    @Test
    void a_member_activated_on_kafka_may_register_through_the_api_and_the_registration_is_kept_and_published() {
        UUID member = UUID.randomUUID();
        ContactFact contact = ContactFact.of(EventsScenario.newAddress("titular"), true);
        ContractExample activated = EventsScenario.membershipFact("member.activated", member)
                .with("/contacts", List.of(contact));
        KafkaTopics.write(kafkaContainer.getBootstrapServers(), cloudEvent(EventsScenario.MEMBERSHIP_TOPIC,
                member.toString(), UUID.randomUUID().toString(), activated.type(), activated.json()));
        scenario.awaitActsFor(contact.email(), member);

        UUID event = scenario.announced(EventDraft.workshop().membersOnly());
        HttpResponse<String> registered = scenario.register(event, scenario.person(contact.email()), contact.email());

        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        UUID registration = UUID.fromString(EventsScenario.registrationId(scenario.body(registered)));
        assertThat(scenario.status(registration)).isEqualTo("CONFIRMED");
        List<String> published = ofEvent(readUntil(kafkaContainer.getBootstrapServers(), CatalogueEvent.TOPIC,
                Duration.ofSeconds(60), read -> ofEvent(read, event).size() >= 2), event);
        assertThat(published).containsExactly("org.redciudades.events.event.announced.v1",
                "org.redciudades.events.registration.confirmed.v1");
    }

    private static List<String> ofEvent(List<ConsumerRecord<byte[], byte[]>> records, UUID event) {
        return records.stream().filter(r -> event.toString().equals(text(r.key()))).map(r -> header(r, "ce_type"))
                .toList();
    }
}
