package org.redciudades.notification.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.redciudades.chassis.testing.KafkaTopics.cloudEvent;
import static org.redciudades.chassis.testing.KafkaTopics.write;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.testing.Contracts;
import org.redciudades.chassis.testing.RealInfrastructure;
import org.redciudades.notification.TestSmtp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A member's life, told to its contacts: each message once, in each contact's own language. */
@SpringBootTest
@ContextConfiguration(initializers = RealInfrastructure.class)
class MembershipEmailsTest {

    static final TestSmtp SMTP = TestSmtp.start();
    static final String PREFIX = "org.redciudades.membership.";
    static final String EXAMPLE_MEMBER = "0b6f3c1e-8a5d-4c1e-9a57-3f1f7a8d2c10";
    static final String EXAMPLE_PRIMARY = "mariana.avila@implan-torreon.example.mx";
    static final String EXAMPLE_PRIMARY_ID = "5a2d9e47-3c1b-4f8a-b6d2-7e9c0a1f4b35";
    static final String EXAMPLE_CONTACT = "8c4e1a7b-2d9f-4b3e-a5c1-6f0d2e8b9a43";
    static final String EXAMPLE_CONTACT_EMAIL = "jorge.castaneda@implan-torreon.example.mx";
    static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        SMTP.register(registry);
    }

    @AfterAll
    static void stopSmtp() {
        SMTP.stop();
    }

    @Test
    void each_step_of_a_membership_reaches_every_contact_in_their_own_language() {
        String member = UUID.randomUUID().toString();
        String spanish = "mariana-" + member + "@implan-torreon.example.mx";
        String english = "george-" + member + "@implan-torreon.example.mx";

        publish(member, "application.submitted", fact("application.submitted", member, EXAMPLE_PRIMARY, spanish));
        publish(member, "contact.added", fact("contact.added", member, EXAMPLE_CONTACT_EMAIL, english,
                EXAMPLE_CONTACT, UUID.randomUUID().toString(), "\"locale\": \"es-MX\"", "\"locale\": \"en\""));
        publish(member, "application.approved", fact("application.approved", member));
        publish(member, "member.suspended", fact("member.suspended", member));
        publish(member, "member.reinstated", fact("member.reinstated", member));
        publish(member, "agreement.expiring", fact("agreement.expiring", member));
        publish(member, "member.withdrawn", fact("member.withdrawn", member));

        List<String> inSpanish = subjects(spanish, 6);
        List<String> inEnglish = subjects(english, 5);
        String institution = "Instituto Municipal de Planeación y Competitividad de Torreón (IMPLAN Torreón)";
        assertThat(inSpanish).containsExactly(
                "Recibimos la solicitud de " + institution,
                "Solicitud aprobada: " + institution,
                "Membresía suspendida: " + institution,
                "Membresía restablecida: " + institution,
                "El convenio de " + institution + " vence el 30 de noviembre de 2027",
                "Baja de la Red: " + institution);
        assertThat(inEnglish).as("the contact added later hears from then on, in English").containsExactly(
                "Application approved: " + institution,
                "Membership suspended: " + institution,
                "Membership reinstated: " + institution,
                "The agreement of " + institution + " ends on November 30, 2027",
                "Withdrawal from the Network: " + institution);
        String suspension = TestSmtp.plainText(SMTP.to(english).get(1));
        assertThat(suspension).contains("Hello Jorge Luis Castañeda Ríos,")
                .contains("Reason: No se han entregado los informes semestrales");
    }

    @Test
    void an_application_that_is_rejected_tells_the_contact_why() {
        String member = UUID.randomUUID().toString();
        String contact = "rechazo-" + member + "@municipio.example.gt";

        publish(member, "application.submitted", fact("application.submitted", member, EXAMPLE_PRIMARY, contact));
        publish(member, "application.rejected", fact("application.rejected", member));

        subjects(contact, 2);
        MimeMessage rejection = SMTP.to(contact).get(1);
        assertThat(TestSmtp.plainText(rejection)).contains("no fue aprobada")
                .contains("Motivo: La solicitud no incluye el oficio de designación");
    }

    @Test
    void an_erased_contact_gets_nothing_more_and_the_delivery_log_keeps_no_address_or_content_of_theirs() {
        String member = UUID.randomUUID().toString();
        String contactId = UUID.randomUUID().toString();
        String erased = "borrar-" + member + "@implan-torreon.example.mx";
        String colleague = "colega-" + member + "@implan-torreon.example.mx";
        publish(member, "application.submitted", fact("application.submitted", member, EXAMPLE_PRIMARY, colleague));
        publish(member, "contact.added", fact("contact.added", member, EXAMPLE_CONTACT_EMAIL, erased, EXAMPLE_CONTACT, contactId));
        publish(member, "application.approved", fact("application.approved", member));
        await().atMost(PATIENCE).until(() -> SMTP.to(erased).size() == 1 && SMTP.to(colleague).size() == 2);

        publish(member, "contact.erased", fact("contact.erased", member, EXAMPLE_CONTACT, contactId));
        publish(member, "member.suspended", fact("member.suspended", member));

        await().atMost(PATIENCE).until(() -> SMTP.to(colleague).size() == 3);
        assertThat(SMTP.to(erased)).hasSize(1);
        assertThat(jdbc.sql("select count(*) from notification where recipient = :e or body_text like :n")
                .param("e", erased).param("n", "%Jorge Luis%").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from member_contact where email = :e").param("e", erased)
                .query(Long.class).single()).isZero();
    }

    private String fact(String type, String member, String... replacements) {
        // every contact is new: ids are unique in real life, and the examples all share theirs
        String payload = Contracts.example(PREFIX + type + ".v1").replace(EXAMPLE_MEMBER, member)
                .replace(EXAMPLE_PRIMARY_ID, UUID.randomUUID().toString());
        for (int i = 0; i < replacements.length; i += 2) {
            payload = payload.replace(replacements[i], replacements[i + 1]);
        }
        Contracts.assertConforms(PREFIX + type + ".v1", payload);
        return payload;
    }

    private void publish(String member, String type, String payload) {
        write(RealInfrastructure.kafkaBrokers(), cloudEvent("membership.member", member, UUID.randomUUID().toString(),
                PREFIX + type + ".v1", payload));
    }

    private List<String> subjects(String recipient, int expected) {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(subjectsOf(recipient)).hasSizeGreaterThanOrEqualTo(expected));
        return subjectsOf(recipient);
    }

    private List<String> subjectsOf(String recipient) {
        return SMTP.to(recipient).stream().map(message -> {
            try {
                return message.getSubject();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }
}
