package org.redciudades.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.redciudades.chassis.testing.KafkaTopics.header;
import static org.redciudades.chassis.testing.KafkaTopics.readUntil;
import static org.redciudades.chassis.testing.KafkaTopics.text;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.testing.ServiceOnContainersTest;
import org.redciudades.membership.member.MemberEvent;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.testcontainers.kafka.KafkaContainer;

/** membership-service on Kafka and PostgreSQL containers, as a user with Docker or podman runs it. */
@ServiceOnContainersTest
@Import(MembershipScenario.class)
class MembershipContainersIT {

    @Autowired
    MembershipScenario scenario;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    KafkaContainer kafkaContainer;

    @Test
    void an_application_approved_through_the_api_is_kept_in_postgresql_and_published_through_the_outbox_to_kafka() {
        String memberId = scenario.approved(Application.unique());

        assertThat(jdbc.sql("select status from member where id = :id::uuid").param("id", memberId)
                .query(String.class).single()).isEqualTo("APPROVED");
        List<ConsumerRecord<byte[], byte[]>> published = ofMember(readUntil(kafkaContainer.getBootstrapServers(),
                MemberEvent.TOPIC, Duration.ofSeconds(60), read -> ofMember(read, memberId).size() >= 2), memberId);
        assertThat(published).extracting(r -> header(r, "ce_type")).containsExactly(
                "org.redciudades.membership.application.submitted.v1",
                "org.redciudades.membership.application.approved.v1");
    }

    private static List<ConsumerRecord<byte[], byte[]>> ofMember(List<ConsumerRecord<byte[], byte[]>> records,
                                                                 String memberId) {
        return records.stream().filter(r -> memberId.equals(text(r.key()))).toList();
    }
}
