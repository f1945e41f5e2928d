package org.redciudades.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.redciudades.chassis.testing.KafkaTopics.readUntil;
import static org.redciudades.chassis.testing.KafkaTopics.text;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.redciudades.chassis.security.Roles;
import org.redciudades.chassis.testing.Contracts;
import org.redciudades.chassis.testing.RealInfrastructure;
import org.redciudades.chassis.testing.ServiceScenario;
import org.redciudades.chassis.testing.TestJson;
import org.redciudades.chassis.testing.TestTokens;
import org.redciudades.membership.member.MemberEvent;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What tests do to membership-service, as its users do: institutions apply, organizers take each step
 * of a membership through the API. The outbox and the broker are read to check what each step published.
 */
@TestComponent
public class MembershipScenario extends ServiceScenario {

    /** The body of an agreement recorded or renewed. */
    public record Agreement(String signedOn, String termStart, String termEnd, String documentReference,
                            String memberSignatory, String networkSignatory) {

        /** IMPLAN Torreón's agreement, from December 2026 to November 2028. */
        public static Agreement implanTorreon() {
            return new Agreement("2026-11-20", "2026-12-01", "2028-11-30",
                    "RCI-CONV-2026-014", "Directora General de IMPLAN Torreón", "Coordinación de la Red");
        }

        public String json() {
            return TestJson.write(this);
        }
    }

    public record Reason(String reason) {
    }

    private final JdbcClient jdbc;

    MembershipScenario(JdbcClient jdbc, Environment environment) {
        super(environment);
        this.jdbc = jdbc;
    }

    public String organizer() {
        return TestTokens.withRole(Roles.ORGANIZER);
    }

    /** An application sent as anyone may send it, without a token. */
    public HttpResponse<String> apply(Application application) {
        return apply(application.json());
    }

    public HttpResponse<String> apply(String body) {
        return api().post("/api/v1/applications", null, body);
    }

    /** The member id of an application that was accepted. */
    public String applied(Application application) {
        HttpResponse<String> applied = apply(application);
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(201);
        return body(applied).get("id").asString();
    }

    public String approved(Application application) {
        String id = applied(application);
        assertThat(act(id, "approval", null).statusCode()).isEqualTo(200);
        return id;
    }

    /** An organizer's step on a member: {@code approval}, {@code agreement}, {@code rejection}, {@code contacts}… */
    public HttpResponse<String> act(String memberId, String step, Object body) {
        return post("/api/v1/members/" + memberId + "/" + step, organizer(), body);
    }

    /** An organizer's PUT of {@code body} to {@code path}. */
    public HttpResponse<String> put(String path, Object body) {
        return put(path, organizer(), body);
    }

    public HttpResponse<String> delete(String path) {
        return api().send("DELETE", path, organizer(), null, null, Map.of());
    }

    /** The types of the facts this member's outbox holds, in publication order. */
    public List<String> eventTypes(String memberId) {
        return jdbc.sql("select event_type from outbox_event where aggregate_id = :id order by position")
                .param("id", memberId).query(String.class).list();
    }

    /** Fails unless every fact in the member's outbox conforms to the schema of its type. */
    public void assertEveryFactConforms(String memberId) {
        record Fact(String eventType, String payload) {
        }
        jdbc.sql("select event_type, payload::text as payload from outbox_event where aggregate_id = :id")
                .param("id", memberId).query(Fact.class).list()
                .forEach(fact -> Contracts.assertConforms(fact.eventType(), fact.payload()));
    }

    /** The member's records on the broker, once at least {@code count} have arrived. */
    public List<ConsumerRecord<byte[], byte[]>> published(String memberId, int count) {
        return ofMember(readUntil(RealInfrastructure.kafkaBrokers(), MemberEvent.TOPIC, Duration.ofSeconds(30),
                read -> ofMember(read, memberId).size() >= count), memberId);
    }

    private static List<ConsumerRecord<byte[], byte[]>> ofMember(List<ConsumerRecord<byte[], byte[]>> records, String id) {
        return records.stream().filter(r -> id.equals(text(r.key()))).toList();
    }
}
