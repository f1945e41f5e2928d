package org.redciudades.notification.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.redciudades.notification.NotificationScenario.spaced;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.redciudades.notification.NotificationScenario;
import org.redciudades.notification.NotificationScenario.Registration;
import org.redciudades.notification.NotificationServiceTest;
import org.redciudades.notification.TestSmtp;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The registration code and its QR code in the messages that give a seat, for check-in at the door: the code in the
 * text, the QR code an inline image of the HTML part that a phone's camera reads as the portal's check-in page of the
 * registration.
 */
@NotificationServiceTest
class CheckInCodeEmailsTest {

    static final String PORTAL = "http://127.0.0.1:8080";

    @Autowired
    NotificationScenario scenario;

    @Test
    void a_confirmation_at_an_event_with_a_venue_carries_the_registration_code_and_an_inline_qr_code_of_its_check_in_page()
            throws Exception {
        Registration mariana = fresh();

        scenario.publish(mariana.fact("registration.confirmed"));
        MimeMessage email = scenario.messages(mariana.email(), 1).getFirst();

        String code = code(mariana);
        assertThat(spaced(TestSmtp.plainText(email))).contains("Su código de registro es " + code
                + ". Al llegar, muéstrelo (o el código QR de este correo) para registrar su asistencia.");
        String html = TestSmtp.html(email);
        assertThat(html).contains("<img src=\"cid:registration-qr\" alt=\"Código QR de su inscripción, código de registro "
                + code + "\" width=\"200\" height=\"200\">");
        assertThat(html.indexOf("cid:registration-qr")).as("the image right after the paragraph with the code")
                .isGreaterThan(html.indexOf(code)).isLessThan(html.indexOf("Atentamente"));

        MimeBodyPart image = (MimeBodyPart) TestSmtp.part(email, "image/png").orElseThrow();
        assertThat(image.getContentID()).isEqualTo("<registration-qr>");
        assertThat(image.getDisposition()).isEqualTo(Part.INLINE);
        assertThat(decode(image)).isEqualTo(PORTAL + "/organizer/check-in/" + mariana.registrationId());
        assertThat(TestSmtp.part(email, "text/calendar")).as("the invitation is still attached").isPresent();
    }

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource({"registration.promoted, es-MX, Su código de registro es", "registration.promoted, en, Your registration code is",
            "registration.approved, es-MX, Su código de registro es", "registration.approved, en, Your registration code is",
            "registration.confirmed, en, Your registration code is"})
    void every_message_that_gives_a_seat_carries_the_code_in_the_readers_language_and_the_qr_code(String type,
                                                                                                   String locale,
                                                                                                   String line)
            throws Exception {
        Registration person = fresh();

        // at a venue, whatever the example says
        scenario.publish(person.fact(type).with("/attendee/locale", locale).with("/event/modality", "IN_PERSON")
                .with("/event/venue", Map.of("address", "Av. Morelos 1", "city", "Torreón", "country", "MX")));
        MimeMessage email = scenario.messages(person.email(), 1).getFirst();

        assertThat(spaced(TestSmtp.plainText(email))).contains(line + " " + code(person) + ".").doesNotContain("{6}");
        assertThat(decode((MimeBodyPart) TestSmtp.part(email, "image/png").orElseThrow()))
                .isEqualTo(PORTAL + "/organizer/check-in/" + person.registrationId());
    }

    @Test
    void a_seat_at_a_virtual_event_has_no_door_and_so_no_code_and_no_qr_code() {
        Registration person = fresh();

        scenario.publish(person.fact("registration.confirmed").with("/event/modality", "VIRTUAL").with("/event/venue", null));
        MimeMessage email = scenario.messages(person.email(), 1).getFirst();

        assertThat(spaced(TestSmtp.plainText(email))).doesNotContain("código de registro").doesNotContain("{6}");
        assertThat(TestSmtp.html(email)).doesNotContain("cid:");
        assertThat(TestSmtp.part(email, "image/png")).isEmpty();
    }

    @Test
    void someone_waiting_for_a_seat_gets_no_code_until_the_seat_is_theirs() {
        Registration person = fresh();

        scenario.publish(person.fact("registration.waitlisted"));
        MimeMessage email = scenario.messages(person.email(), 1).getFirst();

        assertThat(spaced(TestSmtp.plainText(email))).doesNotContain("código de registro");
        assertThat(TestSmtp.part(email, "image/png")).isEmpty();
    }

    @Test
    void the_code_is_the_first_eight_hexadecimal_digits_of_the_registration_in_two_groups_of_capitals() {
        assertThat(PortalLinks.registrationCode(UUID.fromString("3f2a9c1b-0d4e-4f6a-8b7c-1234567890ab")))
                .isEqualTo("3F2A-9C1B");
    }

    private static String code(Registration registration) {
        return PortalLinks.registrationCode(UUID.fromString(registration.registrationId()));
    }

    /**
     * The emailed image is drawn, not photographed: read as a pure barcode. ZXing's general detector, meant for photos,
     * misses the finder patterns of about 1 in 100 perfectly drawn codes (measured on 2,000 check-in links).
     */
    private static final Map<DecodeHintType, Object> PURE_IMAGE = Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE);

    /** What a QR code reader (ZXing's) finds in the PNG. */
    static String decode(MimeBodyPart png) throws Exception {
        BufferedImage image;
        try (InputStream in = png.getInputStream()) {
            image = ImageIO.read(in);
        }
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels))), PURE_IMAGE).getText();
    }

    private static Registration fresh() {
        return Registration.of("puerta-" + UUID.randomUUID() + "@implan-torreon.example.mx");
    }
}
