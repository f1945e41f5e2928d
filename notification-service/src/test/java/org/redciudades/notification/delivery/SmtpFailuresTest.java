package org.redciudades.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.stream.Stream;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Which failures end a message's delivery at once, and which are retried: the rule of RFC 5321 (5xx permanent,
 * 4xx transient) applied to what the SMTP provider reports. SmtpOutageTest proves the same against a real server
 * for a refused mailbox, greylisting and a connection lost after the data.
 */
class SmtpFailuresTest {

    private static final Address[] NONE = new Address[0];
    private static final Address[] RECIPIENT = {address("persona@municipio.example.gt")};

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of("RCPT TO refused with 550 (no such mailbox)",
                        new SendFailedException("Invalid Addresses", null, NONE, NONE, RECIPIENT), true),
                Arguments.of("RCPT TO deferred with 450 (greylisting)",
                        new SendFailedException("Invalid Addresses", null, NONE, RECIPIENT, NONE), false),
                Arguments.of("the message refused after its data with 554",
                        new SMTPSendFailedException(".", 554, "554 5.7.1 rejected", null, NONE, NONE, NONE), true),
                Arguments.of("the message deferred after its data with 451",
                        new SMTPSendFailedException(".", 451, "451 4.3.0 try later", null, NONE, RECIPIENT, NONE), false),
                Arguments.of("the connection lost after the data (no reply, code -1)",
                        new SMTPSendFailedException(".", -1, "[EOF]", null, NONE, RECIPIENT, NONE), false),
                Arguments.of("an address that cannot be written", new AddressException("Missing final '@domain'"), true),
                Arguments.of("the server not answering", new MessagingException("Couldn't connect to host"), false));
    }

    @ParameterizedTest(name = "{0}: permanent = {2}")
    @MethodSource("failures")
    void a_failure_is_permanent_only_when_the_server_says_so_with_a_5xx_reply_or_the_address_is_unwritable(
            String failure, Exception e, boolean permanent) {
        assertThat(MailDispatcher.isPermanent(e)).as(failure).isEqualTo(permanent);
    }

    private static Address address(String text) {
        try {
            return new InternetAddress(text);
        } catch (AddressException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
