package org.redciudades.notification.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.redciudades.chassis.testing.KafkaTopics.cloudEvent;
import static org.redciudades.chassis.testing.KafkaTopics.write;

import com.icegreen.greenmail.util.GreenMailUtil;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.testing.Contracts;
import org.redciudades.chassis.testing.RealInfrastructure;
import org.redciudades.notification.TestSmtp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest
@ContextConfiguration(initializers = RealInfrastructure.class)
class WelcomeEmailTest {

    static final String ACTIVATED = "org.redciudades.membership.member.activated.v1";
    static final TestSmtp SMTP = TestSmtp.start();

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        SMTP.register(registry);
    }

    @AfterAll
    static void stopSmtp() {
        SMTP.stop();
    }

    @Test
    void an_activated_member_gets_one_welcome_in_spanish_and_a_redelivery_sends_no_second_email() throws Exception {
        String recipient = "bienvenida-" + UUID.randomUUID() + "@implan-torreon.example.mx";
        String payload = Contracts.example(ACTIVATED).replace("mariana.avila@implan-torreon.example.mx", recipient);
        String eventId = UUID.randomUUID().toString();
        String key = UUID.randomUUID().toString();

        write(RealInfrastructure.kafkaBrokers(), cloudEvent("membership.member", key, eventId, ACTIVATED, payload));
        await().atMost(Duration.ofSeconds(30)).until(() -> SMTP.to(recipient).size() == 1);

        MimeMessage welcome = SMTP.to(recipient).getFirst();
        assertThat(welcome.getSubject()).isEqualTo("Bienvenida a la Red de Ciudades Inteligentes: "
                + "Instituto Municipal de Planeación y Competitividad de Torreón (IMPLAN Torreón)");
        String body = GreenMailUtil.getBody(welcome);
        assertThat(welcome.getContentType()).startsWith("multipart/");
        assertThat(TestSmtp.plainText(welcome)).contains("Hola, Mariana Ávila Treviño:")
                .contains("vigente desde el 1 de diciembre de 2025");
        assertThat(body).doesNotContain("Welcome");

        double duplicatesBefore = duplicates();
        write(RealInfrastructure.kafkaBrokers(), cloudEvent("membership.member", key, eventId, ACTIVATED, payload));
        await().atMost(Duration.ofSeconds(30)).until(() -> duplicates() == duplicatesBefore + 1);
        assertThat(SMTP.to(recipient)).hasSize(1);
    }

    @Test
    void a_contact_who_reads_english_gets_subject_and_body_in_english_with_an_english_date() throws Exception {
        String recipient = "welcome-" + UUID.randomUUID() + "@implan-torreon.example.mx";
        String payload = Contracts.example(ACTIVATED)
                .replace("mariana.avila@implan-torreon.example.mx", recipient)
                .replace("\"locale\": \"es-MX\",\n      \"primary\"", "\"locale\": \"en\",\n      \"primary\"");
        assertThat(payload).contains("\"locale\": \"en\"");

        write(RealInfrastructure.kafkaBrokers(), cloudEvent("membership.member", UUID.randomUUID().toString(),
                UUID.randomUUID().toString(), ACTIVATED, payload));
        await().atMost(Duration.ofSeconds(30)).until(() -> SMTP.to(recipient).size() == 1);

        MimeMessage welcome = SMTP.to(recipient).getFirst();
        assertThat(welcome.getSubject()).startsWith("Welcome to the Smart Cities Network: ");
        assertThat(TestSmtp.plainText(welcome)).contains("Hello Mariana Ávila Treviño,").contains("in force from December 1, 2025");
    }

    private double duplicates() {
        return meters.counter("inbox.events", "consumer", "membership-notifications", "type", ACTIVATED,
                "outcome", "duplicate").count();
    }
}
