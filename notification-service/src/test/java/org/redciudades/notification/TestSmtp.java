package org.redciudades.notification;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.server.ProtocolHandler;
import com.icegreen.greenmail.smtp.SmtpHandler;
import com.icegreen.greenmail.smtp.SmtpManager;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.smtp.commands.SmtpCommandRegistry;
import com.icegreen.greenmail.smtp.SmtpState;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

/**
 * A real SMTP server (GreenMail) per running service under test, and ways to read what it received. Like
 * a real mail host, it can refuse mailboxes that do not exist ({@link #refuse}) with a permanent 550 reply.
 */
public final class TestSmtp {

    /**
     * Starts a server for an application context, points the context's mail sender at it, offers it as a
     * bean, and stops it when the context closes. Every context sends all its mail to its own server: a
     * context kept for later classes goes on consuming facts and sending what they cause.
     */
    public static final class PerContext implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            TestSmtp smtp = start();
            TestPropertyValues.of("spring.mail.host=127.0.0.1", "spring.mail.port=" + smtp.port).applyTo(context);
            context.getBeanFactory().registerSingleton("testSmtp", smtp);
            context.addApplicationListener((ContextClosedEvent closed) -> smtp.stop());
        }
    }

    private final Set<String> refused = ConcurrentHashMap.newKeySet();
    private final Set<String> greylisted = ConcurrentHashMap.newKeySet();
    private final Set<String> droppedAfterData = ConcurrentHashMap.newKeySet();
    private final int port;
    private GreenMail smtp;

    private TestSmtp(ServerSetup setup) {
        this.smtp = server(setup);
        this.port = smtp.getSmtp().getPort();
    }

    public static TestSmtp start() {
        return new TestSmtp(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    }

    /** From now on the server answers {@code RCPT TO} for this address with {@code 550 5.1.1}. */
    public void refuse(String address) {
        refused.add(address.toLowerCase(Locale.ROOT));
    }

    /**
     * Greylisting, as many real hosts do: the first {@code RCPT TO} for this address is answered with the
     * transient {@code 450 4.7.1}, later ones are accepted.
     */
    public void greylist(String address) {
        greylisted.add(address.toLowerCase(Locale.ROOT));
    }

    /**
     * The next message for this address is received to its final dot, and then the server hangs up without
     * replying, as when it crashes or the network fails there; the message is not kept.
     */
    public void dropAfterData(String address) {
        droppedAfterData.add(address.toLowerCase(Locale.ROOT));
    }

    /** From now on the server accepts mail for this address again (its mailbox has been created). */
    public void accept(String address) {
        refused.remove(address.toLowerCase(Locale.ROOT));
    }

    private GreenMail server(ServerSetup setup) {
        GreenMail server = new GreenMail(setup) {
            @Override
            protected Map<String, AbstractServer> createServices(ServerSetup[] config, Managers ignored) {
                managers = new RefusingManagers();
                return Map.of(ServerSetup.PROTOCOL_SMTP, new SmtpServer(config[0], managers) {
                    @Override
                    protected ProtocolHandler createProtocolHandler(Socket socket) {
                        return new HangingUpHandler(managers.getSmtpManager(), socket);
                    }
                });
            }
        };
        server.start();
        return server;
    }

    private final class RefusingManagers extends Managers {

        private final SmtpManager smtpManager = new SmtpManager(getImapHostManager(), getUserManager()) {
            @Override
            public String checkRecipient(SmtpState state, MailAddress address) {
                String mailbox = address.getEmail().toLowerCase(Locale.ROOT);
                if (refused.contains(mailbox)) {
                    return "550 5.1.1 <" + address.getEmail() + ">: no such mailbox";
                }
                return greylisted.remove(mailbox) ? "450 4.7.1 <" + address.getEmail() + ">: greylisted, try again later"
                        : null;
            }

            @Override
            public String checkData(SmtpState state) {
                boolean drop = state.getMessage().getToAddresses().stream()
                        .anyMatch(to -> droppedAfterData.remove(to.getEmail().toLowerCase(Locale.ROOT)));
                if (drop) {
                    throw new HangUp();
                }
                return super.checkData(state);
            }
        };

        @Override
        public SmtpManager getSmtpManager() {
            return smtpManager;
        }
    }

    /** Thrown by a check to end the conversation without a reply; the connection's handler then hangs up. */
    private static final class HangUp extends RuntimeException {
        HangUp() {
            super(null, null, false, false);
        }
    }

    /** GreenMail's SMTP handler, which closes the connection without a word when a check says {@link HangUp}. */
    private static final class HangingUpHandler extends SmtpHandler {

        HangingUpHandler(SmtpManager manager, Socket socket) {
            super(new SmtpCommandRegistry(), manager, socket);
        }

        @Override
        protected void handleCommand() throws IOException {
            try {
                super.handleCommand();
            } catch (HangUp hangUp) {
                close();
            }
        }
    }

    /** Brings the server back on the same port, as after an outage; what it had received is gone. */
    public void restart() {
        smtp = server(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    }

    public GreenMail server() {
        return smtp;
    }

    public void stop() {
        smtp.stop();
    }

    /** Messages received for one address, in arrival order. */
    public List<MimeMessage> to(String recipient) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(recipient);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** The subjects of the messages received for one address, in arrival order. */
    public List<String> subjects(String recipient) {
        return to(recipient).stream().map(TestSmtp::subject).toList();
    }

    public static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String header(MimeMessage message, String name) {
        try {
            return message.getHeader(name, null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The message's text/plain body. */
    public static String plainText(MimeMessage message) {
        return part(message, "text/plain").map(TestSmtp::text).orElseThrow(() -> new AssertionError("no text/plain part"));
    }

    /** The message's text/html body. */
    public static String html(MimeMessage message) {
        return part(message, "text/html").map(TestSmtp::text).orElseThrow(() -> new AssertionError("no text/html part"));
    }

    /** The first part whose content type starts with {@code type}, at any depth. */
    public static Optional<Part> part(Part message, String type) {
        try {
            if (message.isMimeType(type + "*") || message.getContentType().toLowerCase().startsWith(type)) {
                return Optional.of(message);
            }
            if (message.getContent() instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    Optional<Part> found = part(child, type);
                    if (found.isPresent()) {
                        return found;
                    }
                }
            }
            return Optional.empty();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String text(Part part) {
        try {
            Object content = part.getContent();
            if (content instanceof String text) {
                return text;
            }
            try (InputStream in = (InputStream) content) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

}
