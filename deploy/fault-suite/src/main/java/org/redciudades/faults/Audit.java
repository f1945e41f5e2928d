package org.redciudades.faults;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The audit of one scenario, from what was read once the platform was quiet ({@link Snapshot}) and what the clients
 * were told ({@link LoadLog}). Pure: {@link AuditSources} does the reading.
 *
 * <ul>
 *   <li>every acknowledged request has exactly one effect: one registration row per acknowledged (event, email), a
 *   cancelled row per acknowledged cancellation, an ACTIVE member (and its eligibility at events-service) per
 *   acknowledged onboarding;</li>
 *   <li>every committed outbox row reached its topic, by {@code ce_id} (a row sent twice, which the relay's
 *   at-least-once delivery allows, is counted apart: consumers drop the repeat);</li>
 *   <li>every consumer applied each fact it handles once: its {@code processed_event} row, and for the facts that
 *   send mail, exactly one notification per (fact, recipient, template);</li>
 *   <li>every notification SENT reached the mail server, and how many times more than once;</li>
 *   <li>no event holds more seats than its capacity, its seat count is its rows', and nobody waits while a seat is
 *   free.</li>
 * </ul>
 */
public final class Audit {

    /** Facts each service consumes and records in its {@code processed_event}, by topic. */
    static final Map<String, Map<String, Set<String>>> HANDLED = Map.of(
            "events", Map.of("membership.member", Set.of(
                    "org.redciudades.membership.application.submitted.v1",
                    "org.redciudades.membership.member.activated.v1")),
            "notification", Map.of(
                    "membership.member", Set.of(
                            "org.redciudades.membership.application.submitted.v1",
                            "org.redciudades.membership.application.approved.v1",
                            "org.redciudades.membership.member.activated.v1"),
                    "events.event", Set.of(
                            "org.redciudades.events.registration.confirmed.v1",
                            "org.redciudades.events.registration.waitlisted.v1",
                            "org.redciudades.events.registration.promoted.v1",
                            "org.redciudades.events.registration.cancelled.v1",
                            "org.redciudades.events.event.announced.v1")));

    /** Facts that send exactly one message to one person (so one notification row each). */
    static final Set<String> ONE_MESSAGE = Set.of(
            "org.redciudades.membership.application.submitted.v1",
            "org.redciudades.membership.application.approved.v1",
            "org.redciudades.membership.member.activated.v1",
            "org.redciudades.events.registration.confirmed.v1",
            "org.redciudades.events.registration.waitlisted.v1",
            "org.redciudades.events.registration.promoted.v1",
            "org.redciudades.events.registration.cancelled.v1");

    public record Registration(String id, String eventId, String email, String status) {
    }

    public record Member(String id, String status, boolean eligibleAtEvents) {
    }

    /** An outbox row of the scenario, in the database of {@code service}. */
    public record OutboxRow(String service, String id, String topic, String type, boolean sent) {
    }

    public record Notification(String id, String sourceEventId, String recipient, String template, String subject,
                               String status) {
    }

    /** A message the mail server received (one per recipient). */
    public record Mail(String recipient, String messageId, String subject) {
    }

    public record Seats(String eventId, int capacity, int seatsTaken, int holding, int waitlisted) {
    }

    /**
     * What was read after quiescence: registrations of the scenario's events, members by id, outbox rows written
     * during the scenario, how many times each {@code ce_id} is on its topic, the {@code processed_event} ids of each
     * service, the notifications made during the scenario, the mail received, and each event's seats.
     */
    public record Snapshot(List<Registration> registrations, Map<String, Member> members, List<OutboxRow> outbox,
                           Map<String, Integer> onTopic, Map<String, Set<String>> processed,
                           List<Notification> notifications, List<Mail> mails, List<Seats> seats) {
    }

    public record Findings(int acknowledged, int notAcknowledged, int facts, int effectsLost, int effectsDuplicated,
                           int effectsWithoutAck, int outboxUnsent, int factsLost, int factsRepeatedOnTopic,
                           int factsNotApplied, int consumerEffectsDuplicated, int emailsExpected, int emailsLost,
                           int emailsDuplicated, int notificationsNotSent, int seatViolations, int missedPromotions,
                           Map<String, Integer> httpErrors, long slowestMillis, List<String> examples) {

        /** Nothing lost, nothing doubled, no seat over capacity: the suite's bar (email duplicates are counted). */
        public boolean clean() {
            return effectsLost == 0 && effectsDuplicated == 0 && outboxUnsent == 0 && factsLost == 0
                    && factsNotApplied == 0 && consumerEffectsDuplicated == 0 && emailsLost == 0
                    && notificationsNotSent == 0 && seatViolations == 0 && missedPromotions == 0;
        }
    }

    private Audit() {
    }

    public static Findings of(LoadLog log, Snapshot snapshot) {
        var examples = new ArrayList<String>();
        int lost = 0;
        int duplicated = 0;

        var rowsByKey = new HashMap<String, List<Registration>>();
        var rowsById = new HashMap<String, Registration>();
        for (var row : snapshot.registrations()) {
            rowsByKey.computeIfAbsent(key(row.eventId(), row.email()), k -> new ArrayList<>()).add(row);
            rowsById.put(row.id(), row);
        }
        var acknowledgedKeys = new HashSet<String>();
        for (var ack : log.acks("REGISTER")) {
            var key = key(ack.first(), ack.second());
            acknowledgedKeys.add(key);
            int rows = rowsByKey.getOrDefault(key, List.of()).size();
            if (rows == 0) {
                lost++;
                note(examples, "registration lost: " + key);
            } else if (rows > 1) {
                duplicated += rows - 1;
                note(examples, "registration made " + rows + " times: " + key);
            }
        }
        for (var ack : log.acks("CANCEL")) {
            var row = rowsById.get(ack.rest().isEmpty() ? "" : ack.rest().getFirst());
            if (row == null || !row.status().equals("CANCELLED")) {
                lost++;
                note(examples, "cancellation lost: " + ack.rest() + " is " + (row == null ? "missing" : row.status()));
            }
        }
        for (var ack : log.acks("MEMBER-ACTIVE")) {
            var member = snapshot.members().get(ack.second());
            if (member == null || !member.status().equals("ACTIVE")) {
                lost++;
                note(examples, "onboarding lost: member " + ack.second() + " is "
                        + (member == null ? "missing" : member.status()));
            } else if (!member.eligibleAtEvents()) {
                lost++;
                note(examples, "member " + ack.second() + " is not ACTIVE at events-service");
            }
        }
        int withoutAck = (int) rowsByKey.keySet().stream().filter(key -> !acknowledgedKeys.contains(key)).count();

        int unsent = 0;
        int factsLost = 0;
        int repeated = 0;
        int notApplied = 0;
        for (var row : snapshot.outbox()) {
            if (!row.sent()) {
                unsent++;
                note(examples, "outbox row not sent: " + row.service() + " " + row.type() + " " + row.id());
            }
            int copies = snapshot.onTopic().getOrDefault(row.id(), 0);
            if (copies == 0) {
                factsLost++;
                note(examples, "fact not on " + row.topic() + ": " + row.type() + " " + row.id());
            } else if (copies > 1) {
                repeated += copies - 1;
            }
            for (var consumer : HANDLED.entrySet()) {
                var types = consumer.getValue().getOrDefault(row.topic(), Set.of());
                if (types.contains(row.type())
                        && !snapshot.processed().getOrDefault(consumer.getKey(), Set.of()).contains(row.id())) {
                    notApplied++;
                    note(examples, consumer.getKey() + "-service did not apply " + row.type() + " " + row.id());
                }
            }
        }

        var notificationsByFact = new HashMap<String, Integer>();
        var perFactRecipientTemplate = new HashMap<String, Integer>();
        for (var notification : snapshot.notifications()) {
            notificationsByFact.merge(notification.sourceEventId(), 1, Integer::sum);
            perFactRecipientTemplate.merge(notification.sourceEventId() + "|" + lower(notification.recipient()) + "|"
                    + notification.template(), 1, Integer::sum);
        }
        int consumerDuplicates = perFactRecipientTemplate.values().stream().mapToInt(n -> n - 1).sum();
        for (var row : snapshot.outbox()) {
            if (ONE_MESSAGE.contains(row.type()) && notificationsByFact.getOrDefault(row.id(), 0) == 0) {
                notApplied++;
                note(examples, "no notification for " + row.type() + " " + row.id());
            }
        }

        var mailsByMessageId = new HashMap<String, Integer>();
        var mailsByRecipientSubject = new HashMap<String, Integer>();
        for (var mail : snapshot.mails()) {
            mailsByMessageId.merge(messageIdLocalPart(mail.messageId()), 1, Integer::sum);
            mailsByRecipientSubject.merge(lower(mail.recipient()) + "|" + mail.subject(), 1, Integer::sum);
        }
        int expected = 0;
        int emailsLost = 0;
        int emailsDuplicated = 0;
        int notSent = 0;
        for (var notification : snapshot.notifications()) {
            if (!notification.status().equals("SENT")) {
                if (!notification.status().equals("DROPPED")) {
                    notSent++;
                    note(examples, "notification " + notification.id() + " is " + notification.status());
                }
                continue;
            }
            expected++;
            // by Message-ID when it is the notification's own (<notification-id@...>), else by recipient and subject
            int copies = mailsByMessageId.containsKey(notification.id()) ? mailsByMessageId.get(notification.id())
                    : mailsByRecipientSubject.getOrDefault(lower(notification.recipient()) + "|"
                            + notification.subject(), 0);
            if (copies == 0) {
                emailsLost++;
                note(examples, "email not received: notification " + notification.id());
            } else if (copies > 1) {
                emailsDuplicated += copies - 1;
                note(examples, "email received " + copies + " times: notification " + notification.id());
            }
        }

        int seatViolations = 0;
        int missedPromotions = 0;
        for (var seats : snapshot.seats()) {
            if (seats.holding() > seats.capacity() || seats.seatsTaken() != seats.holding()) {
                seatViolations++;
                note(examples, "event " + seats.eventId() + ": capacity " + seats.capacity() + ", seats_taken "
                        + seats.seatsTaken() + ", rows holding a seat " + seats.holding());
            }
            if (seats.waitlisted() > 0 && seats.holding() < seats.capacity()) {
                missedPromotions += Math.min(seats.waitlisted(), seats.capacity() - seats.holding());
                note(examples, "event " + seats.eventId() + ": " + seats.waitlisted() + " waiting with "
                        + (seats.capacity() - seats.holding()) + " seats free");
            }
        }

        return new Findings(log.acknowledged(), log.notAcknowledged(), snapshot.outbox().size(), lost, duplicated, withoutAck, unsent, factsLost,
                repeated, notApplied, consumerDuplicates, expected, emailsLost, emailsDuplicated, notSent,
                seatViolations, missedPromotions, log.errorsByKind(), log.slowestMillis(), List.copyOf(examples));
    }

    /** {@code <abc@host>} → {@code abc}. */
    static String messageIdLocalPart(String messageId) {
        var id = messageId == null ? "" : messageId.strip();
        if (id.startsWith("<")) {
            id = id.substring(1);
        }
        int at = id.indexOf('@');
        return at >= 0 ? id.substring(0, at) : id;
    }

    private static String key(String eventId, String email) {
        return eventId + " " + lower(email);
    }

    private static String lower(String text) {
        return text == null ? "" : text.toLowerCase(Locale.ROOT);
    }

    private static void note(List<String> examples, String example) {
        if (examples.size() < 20) {
            examples.add(example);
        }
    }
}
