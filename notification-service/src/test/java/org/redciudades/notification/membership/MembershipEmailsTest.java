package org.redciudades.notification.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.redciudades.notification.NotificationScenario.PATIENCE;
import static org.redciudades.notification.NotificationScenario.membershipFact;

import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.redciudades.notification.NotificationScenario;
import org.redciudades.notification.NotificationServiceTest;
import org.redciudades.notification.TestSmtp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A member's life, told to its contacts: each message once, in each contact's own language. */
@NotificationServiceTest
class MembershipEmailsTest {

    @Autowired
    NotificationScenario scenario;
    @Autowired
    JdbcClient jdbc;

    @Test
    void each_step_of_a_membership_reaches_every_contact_in_their_own_language() {
        String member = UUID.randomUUID().toString();
        String spanish = "mariana-" + member + "@implan-torreon.example.mx";
        String english = "george-" + member + "@implan-torreon.example.mx";

        scenario.publish(membershipFact("application.submitted", member).with("/contacts/0/email", spanish));
        scenario.publish(membershipFact("contact.added", member).with("/contact/email", english)
                .with("/contact/contactId", UUID.randomUUID()).with("/contact/locale", "en"));
        scenario.publish(membershipFact("application.approved", member));
        scenario.publish(membershipFact("member.suspended", member));
        scenario.publish(membershipFact("member.reinstated", member));
        scenario.publish(membershipFact("agreement.expiring", member));
        scenario.publish(membershipFact("member.withdrawn", member));

        List<String> inSpanish = scenario.subjects(spanish, 6);
        List<String> inEnglish = scenario.subjects(english, 5);
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
        String suspension = TestSmtp.plainText(scenario.smtp().to(english).get(1));
        assertThat(suspension).contains("Hello Jorge Luis Castañeda Ríos,")
                .contains("Reason: No se han entregado los informes semestrales");
    }

    @Test
    void an_application_that_is_rejected_tells_the_contact_why() {
        String member = UUID.randomUUID().toString();
        String contact = "rechazo-" + member + "@municipio.example.gt";

        scenario.publish(membershipFact("application.submitted", member).with("/contacts/0/email", contact));
        scenario.publish(membershipFact("application.rejected", member));

        MimeMessage rejection = scenario.messages(contact, 2).get(1);
        assertThat(TestSmtp.plainText(rejection)).contains("no fue aprobada")
                .contains("Motivo: La solicitud no incluye el oficio de designación");
    }

    @Test
    void an_erased_contact_gets_nothing_more_and_the_delivery_log_keeps_no_address_or_content_of_theirs() {
        String member = UUID.randomUUID().toString();
        UUID contactId = UUID.randomUUID();
        String erased = "borrar-" + member + "@implan-torreon.example.mx";
        String colleague = "colega-" + member + "@implan-torreon.example.mx";
        scenario.publish(membershipFact("application.submitted", member).with("/contacts/0/email", colleague));
        scenario.publish(membershipFact("contact.added", member).with("/contact/email", erased).with("/contact/contactId", contactId));
        scenario.publish(membershipFact("application.approved", member));
        await().atMost(PATIENCE).until(() -> scenario.smtp().to(erased).size() == 1 && scenario.smtp().to(colleague).size() == 2);

        scenario.publish(membershipFact("contact.erased", member).with("/contactId", contactId));
        scenario.publish(membershipFact("member.suspended", member));

        await().atMost(PATIENCE).until(() -> scenario.smtp().to(colleague).size() == 3);
        assertThat(scenario.smtp().to(erased)).hasSize(1);
        assertThat(jdbc.sql("select count(*) from notification where recipient = :e or body_text like :n")
                .param("e", erased).param("n", "%Jorge Luis%").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from member_contact where email = :e").param("e", erased)
                .query(Long.class).single()).isZero();
    }
}
