package org.redciudades.notification;

import static org.awaitility.Awaitility.await;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.redciudades.chassis.security.Roles;
import org.redciudades.chassis.testing.ContractExample;
import org.redciudades.chassis.testing.ServiceScenario;
import org.redciudades.chassis.testing.TestTokens;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.core.env.Environment;

/**
 * What tests do to notification-service, as the rest of the platform does: membership-service and
 * events-service publish facts (their contract examples, changed field by field), people read their
 * mail, their inbox and their preferences. Mail is read from the service's own {@link TestSmtp}.
 */
@TestComponent
public class NotificationScenario extends ServiceScenario {

    public static final String MEMBERSHIP = "org.redciudades.membership.";
    public static final String EVENTS = "org.redciudades.events.";
    public static final Duration PATIENCE = Duration.ofSeconds(30);

    /** One person's registration at an event of its own, as events-service's facts tell of it. */
    public record Registration(String eventId, String registrationId, String email) {

        public static Registration of(String email) {
            return new Registration(UUID.randomUUID().toString(), UUID.randomUUID().toString(), email);
        }

        /** {@code type}'s example (e.g. {@code registration.confirmed}, {@code event.cancelled}) about this one. */
        public ContractExample fact(String type) {
            ContractExample fact = ContractExample.of(EVENTS + type + ".v1").with("/eventId", eventId);
            return fact.has("/registrationId")
                    ? fact.with("/registrationId", registrationId).with("/attendee/email", email)
                    : fact;
        }
    }

    private final TestSmtp smtp;

    NotificationScenario(TestSmtp smtp, Environment environment) {
        super(environment);
        this.smtp = smtp;
    }

    /** The mail server this service sends to. */
    public TestSmtp smtp() {
        return smtp;
    }

    public String ops() {
        return TestTokens.withRole(Roles.OPS);
    }

    /** A signed-in person with no role, known to this service by the email their identity provider verified. */
    public String person(String email) {
        return TestTokens.forPerson(email);
    }

    /**
     * {@code type}'s example (e.g. {@code application.submitted}) about {@code member}. Its contacts are
     * new people: ids are unique in real life, and the examples all share theirs.
     */
    public static ContractExample membershipFact(String type, String member) {
        ContractExample fact = ContractExample.of(MEMBERSHIP + type + ".v1").with("/memberId", member);
        return fact.has("/contacts/0/contactId") ? fact.with("/contacts/0/contactId", UUID.randomUUID()) : fact;
    }

    /**
     * A member that applied with {@code email} as its contact, was approved and became active, once its
     * welcome has been sent; returns the member's id.
     */
    public String activeMemberWithContact(String email) {
        String member = UUID.randomUUID().toString();
        publish(membershipFact("application.submitted", member).with("/contacts/0/email", email));
        publish(membershipFact("application.approved", member));
        publish(membershipFact("member.activated", member).with("/contacts/0/email", email));
        await().atMost(PATIENCE).until(() -> smtp.subjects(email).stream().anyMatch(s -> s.startsWith("Bienvenida")));
        return member;
    }

    /** Publishes a fact as its producer would: on its service's topic, keyed by its member or event. */
    public void publish(ContractExample fact) {
        publish(fact, UUID.randomUUID().toString());
    }

    /** Publishes it with the given CloudEvent id: the same id twice is a redelivery. */
    public void publish(ContractExample fact, String eventId) {
        if (fact.type().startsWith(MEMBERSHIP)) {
            fact.publish("membership.member", fact.text("/memberId"), eventId);
        } else {
            fact.publish("events.event", fact.text("/eventId"), eventId);
        }
    }

    /** The messages received for {@code recipient}, once there are at least {@code count}. */
    public List<MimeMessage> messages(String recipient, int count) {
        await().atMost(PATIENCE).until(() -> smtp.to(recipient).size() >= count);
        return smtp.to(recipient);
    }

    /** The subjects received for {@code recipient}, once there are at least {@code count}. */
    public List<String> subjects(String recipient, int count) {
        return messages(recipient, count).stream().map(TestSmtp::subject).toList();
    }

    /** Locale formats put no-break spaces around times ("9:00 a.m."); assertions read them as spaces. */
    public static String spaced(String text) {
        return text.replace('\u00a0', ' ').replace('\u202f', ' ');
    }
}
