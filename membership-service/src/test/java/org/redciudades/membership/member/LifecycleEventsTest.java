package org.redciudades.membership.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.redciudades.chassis.testing.KafkaTopics.header;
import static org.redciudades.chassis.testing.KafkaTopics.text;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.testing.Contracts;
import org.redciudades.membership.MembershipScenario;
import org.redciudades.membership.MembershipServiceTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Every allowed step, taken for real: exactly its event reaches the broker, and it conforms to its schema. */
@MembershipServiceTest
class LifecycleEventsTest {

    /** How to bring a fresh member to each status that has a way out. */
    static final Map<MemberStatus, List<MemberAction>> PATH = Map.of(
            MemberStatus.SUBMITTED, List.of(),
            MemberStatus.UNDER_REVIEW, List.of(MemberAction.START_REVIEW),
            MemberStatus.APPROVED, List.of(MemberAction.APPROVE),
            MemberStatus.ACTIVE, List.of(MemberAction.APPROVE, MemberAction.RECORD_AGREEMENT),
            MemberStatus.SUSPENDED, List.of(MemberAction.APPROVE, MemberAction.RECORD_AGREEMENT, MemberAction.SUSPEND),
            MemberStatus.EXPIRING, List.of(MemberAction.APPROVE, MemberAction.RECORD_AGREEMENT, MemberAction.MARK_EXPIRING),
            MemberStatus.EXPIRED, List.of(MemberAction.APPROVE, MemberAction.RECORD_AGREEMENT, MemberAction.EXPIRE));

    @Autowired
    MembershipScenario scenario;
    @Autowired
    MembershipService membership;
    @Autowired
    JdbcClient jdbc;

    @Test
    void each_allowed_step_publishes_exactly_its_event_which_conforms_to_its_schema() {
        List<String> checked = new ArrayList<>();
        MemberLifecycleTest.ALLOWED.forEach((status, moves) -> moves.forEach((action, to) -> {
            Member member = membership.apply(new Member.Institution("Institución " + UUID.randomUUID(),
                            Member.InstitutionKind.MUNICIPALITY, "GT", "Guatemala", "Ciudad de Guatemala", null),
                    "es-MX", "America/Guatemala",
                    List.of(new Member.Contact(UUID.randomUUID(), "Ana López", "ana@" + UUID.randomUUID() + ".example.gt",
                            null, "es-MX", true)));
            PATH.get(status).forEach(step -> membership.handle(member.id(), MemberLifecycleTest.command(step), "organizer-1"));
            long before = appended(member.id());

            Member after = membership.handle(member.id(), MemberLifecycleTest.command(action), "organizer-1");

            assertThat(after.status()).as("%s + %s", status, action).isEqualTo(to);
            String expected = MemberLifecycleTest.EVENT.get(action);
            long count = before + (expected == null ? 0 : 1);
            assertThat(appended(member.id())).as("%s + %s outbox rows", status, action).isEqualTo(count);
            await().atMost(Duration.ofSeconds(30)).until(() -> published(member.id()) == count);
            List<ConsumerRecord<byte[], byte[]>> mine = scenario.published(member.id().toString(), (int) count);
            assertThat(mine).as("%s + %s events", status, action).hasSize((int) count);
            if (expected != null) {
                ConsumerRecord<byte[], byte[]> last = mine.getLast();
                assertThat(header(last, "ce_type")).as("%s + %s", status, action).isEqualTo(expected);
                Contracts.assertConforms(expected, text(last.value()));
            }
            checked.add(status + "+" + action);
        }));
        assertThat(checked).hasSize(MemberLifecycleTest.ALLOWED.values().stream().mapToInt(Map::size).sum());
    }

    private long appended(UUID memberId) {
        return jdbc.sql("select count(*) from outbox_event where aggregate_id = :id")
                .param("id", memberId.toString()).query(Long.class).single();
    }

    private long published(UUID memberId) {
        return jdbc.sql("select count(*) from outbox_event where aggregate_id = :id and sent_at is not null")
                .param("id", memberId.toString()).query(Long.class).single();
    }
}
