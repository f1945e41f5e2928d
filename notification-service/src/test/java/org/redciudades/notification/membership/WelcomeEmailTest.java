package org.redciudades.notification.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.redciudades.chassis.testing.KafkaTopics.cloudEvent;
import static org.redciudades.chassis.testing.KafkaTopics.write;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.testing.Contracts;
import org.redciudades.chassis.testing.RealInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest
@ContextConfiguration(initializers = RealInfrastructure.class)
class WelcomeEmailTest {

    static final String ACTIVATED = "org.redciudades.membership.member.activated.v1";
    static final GreenMail SMTP = startSmtp();

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
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
        await().atMost(Duration.ofSeconds(30)).until(() -> to(recipient).size() == 1);

        MimeMessage welcome = to(recipient).getFirst();
        assertThat(welcome.getSubject()).isEqualTo("Bienvenida a la Red de Ciudades Inteligentes: "
                + "Instituto Municipal de Planeación y Competitividad de Torreón (IMPLAN Torreón)");
        String body = GreenMailUtil.getBody(welcome);
        assertThat(welcome.getContentType()).startsWith("multipart/");
        assertThat(plainText(welcome)).contains("Hola, Mariana Ávila Treviño:")
                .contains("vigente desde el 1 de diciembre de 2025");
        assertThat(body).doesNotContain("Welcome");

        double duplicatesBefore = duplicates();
        write(RealInfrastructure.kafkaBrokers(), cloudEvent("membership.member", key, eventId, ACTIVATED, payload));
        await().atMost(Duration.ofSeconds(30)).until(() -> duplicates() == duplicatesBefore + 1);
        assertThat(to(recipient)).hasSize(1);
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
        await().atMost(Duration.ofSeconds(30)).until(() -> to(recipient).size() == 1);

        MimeMessage welcome = to(recipient).getFirst();
        assertThat(welcome.getSubject()).startsWith("Welcome to the Smart Cities Network: ");
        assertThat(plainText(welcome)).contains("Hello Mariana Ávila Treviño,").contains("in force from December 1, 2025");
    }

    private double duplicates() {
        return meters.counter("inbox.events", "consumer", "membership-notifications", "type", ACTIVATED,
                "outcome", "duplicate").count();
    }

    private static String plainText(MimeMessage message) throws Exception {
        var multipart = (jakarta.mail.Multipart) message.getContent();
        var related = (jakarta.mail.Multipart) multipart.getBodyPart(0).getContent();
        var alternative = related.getBodyPart(0).getContent();
        var alternatives = alternative instanceof jakarta.mail.Multipart m ? m : related;
        return (String) alternatives.getBodyPart(0).getContent();
    }

    private static List<MimeMessage> to(String recipient) {
        return Arrays.stream(SMTP.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(recipient);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static GreenMail startSmtp() {
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        return smtp;
    }
}
