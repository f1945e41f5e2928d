package org.redciudades.notification.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.redciudades.notification.NotificationScenario.PATIENCE;
import static org.redciudades.notification.NotificationScenario.membershipFact;

import com.icegreen.greenmail.util.GreenMailUtil;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.MimeMessage;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.testing.ContractExample;
import org.redciudades.notification.NotificationScenario;
import org.redciudades.notification.NotificationServiceTest;
import org.redciudades.notification.TestSmtp;
import org.springframework.beans.factory.annotation.Autowired;

@NotificationServiceTest
class WelcomeEmailTest {

    static final String ACTIVATED = NotificationScenario.MEMBERSHIP + "member.activated.v1";

    @Autowired
    NotificationScenario scenario;
    @Autowired
    MeterRegistry meters;

    @Test
    void an_activated_member_gets_one_welcome_in_spanish_and_a_redelivery_sends_no_second_email() throws Exception {
        String recipient = "bienvenida-" + UUID.randomUUID() + "@implan-torreon.example.mx";
        ContractExample activated = membershipFact("member.activated", UUID.randomUUID().toString())
                .with("/contacts/0/email", recipient);
        String eventId = UUID.randomUUID().toString();

        scenario.publish(activated, eventId);
        await().atMost(PATIENCE).until(() -> scenario.smtp().to(recipient).size() == 1);

        MimeMessage welcome = scenario.smtp().to(recipient).getFirst();
        assertThat(welcome.getSubject()).isEqualTo("Bienvenida a la Red de Ciudades Inteligentes: "
                + "Instituto Municipal de Planeación y Competitividad de Torreón (IMPLAN Torreón)");
        String body = GreenMailUtil.getBody(welcome);
        assertThat(welcome.getContentType()).startsWith("multipart/");
        assertThat(TestSmtp.plainText(welcome)).contains("Hola, Mariana Ávila Treviño:")
                .contains("vigente desde el 1 de diciembre de 2025");
        assertThat(body).doesNotContain("Welcome");

        double duplicatesBefore = duplicates();
        scenario.publish(activated, eventId);
        await().atMost(PATIENCE).until(() -> duplicates() == duplicatesBefore + 1);
        assertThat(scenario.smtp().to(recipient)).hasSize(1);
    }

    @Test
    void a_contact_who_reads_english_gets_subject_and_body_in_english_with_an_english_date() throws Exception {
        String recipient = "welcome-" + UUID.randomUUID() + "@implan-torreon.example.mx";

        scenario.publish(membershipFact("member.activated", UUID.randomUUID().toString())
                .with("/contacts/0/email", recipient).with("/contacts/0/locale", "en"));
        await().atMost(PATIENCE).until(() -> scenario.smtp().to(recipient).size() == 1);

        MimeMessage welcome = scenario.smtp().to(recipient).getFirst();
        assertThat(welcome.getSubject()).startsWith("Welcome to the Smart Cities Network: ");
        assertThat(TestSmtp.plainText(welcome)).contains("Hello Mariana Ávila Treviño,").contains("in force from December 1, 2025");
    }

    private double duplicates() {
        return meters.counter("inbox.events", "consumer", "membership-notifications", "type", ACTIVATED,
                "outcome", "duplicate").count();
    }
}
