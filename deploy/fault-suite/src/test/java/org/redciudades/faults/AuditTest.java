package org.redciudades.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuditTest {

    private static final String EVENT = "e1";
    private static final String CONFIRMED = "org.redciudades.events.registration.confirmed.v1";

    @Test
    void anAcknowledgedRegistrationWithOneRowOneFactAndOneEmailIsClean() {
        var findings = Audit.of(log(register("ana@x.org", "r1")), snapshot(
                List.of(new Audit.Registration("r1", EVENT, "Ana@x.org", "CONFIRMED")),
                List.of(sent("f1")), Map.of("f1", 1),
                List.of(notification("n1", "f1", "ana@x.org")),
                List.of(new Audit.Mail("ana@x.org", "<n1@redciudades.org>", "Confirmada"))));

        assertThat(findings.clean()).as(findings.examples().toString()).isTrue();
        assertThat(findings.acknowledged()).isEqualTo(1);
        assertThat(findings.emailsDuplicated()).isZero();
    }

    @Test
    void anAcknowledgedRegistrationWithoutARowIsLostAndOneWithTwoRowsIsDuplicated() {
        var findings = Audit.of(log(register("ana@x.org", "r1"), register("bea@x.org", "r2")), snapshot(
                List.of(new Audit.Registration("r2", EVENT, "bea@x.org", "CONFIRMED"),
                        new Audit.Registration("r3", EVENT, "bea@x.org", "WAITLISTED")),
                List.of(), Map.of(), List.of(), List.of()));

        assertThat(findings.effectsLost()).isEqualTo(1);
        assertThat(findings.effectsDuplicated()).isEqualTo(1);
        assertThat(findings.clean()).isFalse();
    }

    @Test
    void aFactMissingFromItsTopicIsLostAndOneSentTwiceIsOnlyARepeat() {
        var findings = Audit.of(log(), snapshot(List.of(), List.of(sent("f1"), sent("f2")), Map.of("f2", 2),
                List.of(notification("n1", "f1", "a@x.org"), notification("n2", "f2", "b@x.org")),
                List.of(new Audit.Mail("a@x.org", "<n1@r>", "s"), new Audit.Mail("b@x.org", "<n2@r>", "s"))));

        assertThat(findings.factsLost()).isEqualTo(1);
        assertThat(findings.factsRepeatedOnTopic()).isEqualTo(1);
    }

    @Test
    void anEmailReceivedTwiceIsCountedByItsMessageIdOrElseByRecipientAndSubject() {
        var byMessageId = Audit.of(log(), snapshot(List.of(), List.of(sent("f1")), Map.of("f1", 1),
                List.of(notification("n1", "f1", "a@x.org")),
                List.of(new Audit.Mail("a@x.org", "<n1@r>", "s"), new Audit.Mail("a@x.org", "<n1@r>", "s"))));
        var bySubject = Audit.of(log(), snapshot(List.of(), List.of(sent("f1")), Map.of("f1", 1),
                List.of(notification("n1", "f1", "a@x.org")),
                List.of(new Audit.Mail("A@x.org", "<random1@host>", "s"), new Audit.Mail("a@x.org", "<random2@host>", "s"))));

        assertThat(byMessageId.emailsDuplicated()).isEqualTo(1);
        assertThat(bySubject.emailsDuplicated()).isEqualTo(1);
        assertThat(bySubject.clean()).as("a duplicate email is counted, not a lost effect").isTrue();
    }

    @Test
    void aFactNobodyAppliedAndASeatOverCapacityAreFound() {
        var snapshot = new Audit.Snapshot(List.of(), Map.of(), List.of(sent("f1")), Map.of("f1", 1), Map.of(),
                List.of(), List.of(), List.of(new Audit.Seats(EVENT, 2, 3, 3, 0), new Audit.Seats("e2", 5, 4, 4, 2)));

        var findings = Audit.of(log(), snapshot);

        assertThat(findings.factsNotApplied()).as("no processed_event and no notification").isEqualTo(2);
        assertThat(findings.seatViolations()).isEqualTo(1);
        assertThat(findings.missedPromotions()).isEqualTo(1);
    }

    @Test
    void failedAttemptsAreCountedByKind() {
        assertThat(FaultLoad.kindOf(503, true, true)).isEqualTo("503-problem-retry-after");
        assertThat(FaultLoad.kindOf(503, false, false)).isEqualTo("503-other");
        assertThat(FaultLoad.kindOf(500, true, false)).isEqualTo("500");
        assertThat(Audit.messageIdLocalPart("<3c9a@eventos.redciudades.org>")).isEqualTo("3c9a");
    }

    private static LoadLog.Ack register(String email, String id) {
        return new LoadLog.Ack(0, "REGISTER", EVENT, email, List.of(id, "CONFIRMED"));
    }

    private static LoadLog log(LoadLog.Ack... acks) {
        return new LoadLog(List.of(), List.of(acks));
    }

    private static Audit.OutboxRow sent(String id) {
        return new Audit.OutboxRow("events", id, "events.event", CONFIRMED, true);
    }

    private static Audit.Notification notification(String id, String fact, String recipient) {
        return new Audit.Notification(id, fact, recipient, "registration.confirmed", "s", "SENT");
    }

    private static Audit.Snapshot snapshot(List<Audit.Registration> registrations, List<Audit.OutboxRow> outbox,
                                           Map<String, Integer> onTopic, List<Audit.Notification> notifications,
                                           List<Audit.Mail> mails) {
        var processed = Map.<String, Set<String>>of("notification",
                Set.copyOf(outbox.stream().map(Audit.OutboxRow::id).toList()));
        return new Audit.Snapshot(registrations, Map.of(), outbox, onTopic, processed, notifications, mails,
                List.of(new Audit.Seats(EVENT, 10, registrations.size() == 1 ? 1 : 0,
                        registrations.size() == 1 ? 1 : 0, 0)));
    }
}
