package org.redciudades.portal.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.redciudades.chassis.testing.FreePorts.freePort;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.smtp.SmtpManager;
import com.icegreen.greenmail.smtp.SmtpState;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.redciudades.chassis.testing.ApiClient;
import org.redciudades.chassis.testing.TestIdentityProvider;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Everything the portal's browser journeys run against, started once per test JVM and shared by every journey class:
 * membership-service, events-service and notification-service as child JVMs ({@link ServiceJvms}), a GreenMail SMTP
 * server that notification-service sends to, and the port the portal listens on, chosen before the services start so
 * that the links in their emails lead to it. Each journey class brings its own institutions and events, so the classes
 * do not depend on each other's order.
 */
public final class PortalStack {

    public static final String MEMBERSHIP = "membership-service";
    public static final String EVENTS = "events-service";
    public static final String NOTIFICATION = "notification-service";

    /**
     * Where the provider sends a person after signing out. The provider matches post-logout addresses exactly (unlike
     * redirect URIs on the loopback address, which match on any port), and the portal's client is registered with the
     * local stack's, so the test's portal names that one.
     */
    public static final String AFTER_SIGN_OUT = "http://127.0.0.1:8080/";

    /** The ops pages' links to the dashboards and to Prometheus: addresses only, nothing listens there. */
    public static final String DASHBOARDS = "http://127.0.0.1:3000/dashboards";
    public static final String PROMETHEUS = "http://127.0.0.1:9090";
    private static final Set<String> REFUSED = ConcurrentHashMap.newKeySet();

    private static PortalStack stack;

    private final int portalPort;
    private final GreenMail mail;
    private final ServiceJvms services;

    private PortalStack(int portalPort, GreenMail mail, ServiceJvms services) {
        this.portalPort = portalPort;
        this.mail = mail;
        this.services = services;
    }

    public static synchronized PortalStack get() {
        if (stack == null) {
            int portalPort = freePort();
            GreenMail mail = new RefusingGreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
            mail.start();
            int smtpPort = mail.getSmtp().getPort();
            ServiceJvms services = ServiceJvms.start(List.of(MEMBERSHIP, EVENTS, NOTIFICATION), ports -> Map.of(
                    NOTIFICATION, List.of(
                            "--spring.mail.host=127.0.0.1",
                            "--spring.mail.port=" + smtpPort,
                            "--notification.portal.public-url=http://127.0.0.1:" + portalPort,
                            "--notification.unsubscribe.public-url=http://127.0.0.1:" + ports.get(NOTIFICATION))));
            Runtime.getRuntime().addShutdownHook(new Thread(mail::stop));
            stack = new PortalStack(portalPort, mail, services);
        }
        return stack;
    }

    /** The portal's address of {@code path}, such as "/events". */
    public String portal(String path) {
        return "http://127.0.0.1:" + portalPort + path;
    }

    public ApiClient membership() {
        return new ApiClient(services.port(MEMBERSHIP));
    }

    public ApiClient events() {
        return new ApiClient(services.port(EVENTS));
    }

    public ApiClient notification() {
        return new ApiClient(services.port(NOTIFICATION));
    }

    public String baseUrl(String service) {
        return services.baseUrl(service);
    }

    /**
     * From now on the SMTP server answers {@code RCPT TO} for this address with a permanent {@code 550 5.1.1}, as a
     * mail host does for a mailbox that does not exist; notification-service gives such a message up as FAILED at
     * once. Only this address: every other journey's mail is accepted as before.
     */
    public void refuseMailTo(String address) {
        REFUSED.add(address.toLowerCase(Locale.ROOT));
    }

    /** From now on the SMTP server accepts mail for this address again (its mailbox exists now). */
    public void acceptMailTo(String address) {
        REFUSED.remove(address.toLowerCase(Locale.ROOT));
    }

    /** The JDBC address of {@code service}'s database (user and password {@code postgres}). */
    public String jdbcUrl(String service) {
        return services.jdbcUrl(service);
    }

    /** Every message the SMTP server accepted so far. */
    public List<MimeMessage> mail() {
        return Arrays.asList(mail.getReceivedMessages());
    }

    /** Waits for the first message to {@code recipient} whose subject contains {@code subject}, and answers it. */
    public MimeMessage awaitMail(String recipient, String subject) {
        return await("an email to " + recipient + " about \"" + subject + "\"").atMost(Duration.ofSeconds(60))
                .until(() -> mail().stream().filter(message -> to(message, recipient) && subject(message).contains(subject))
                        .findFirst().orElse(null), message -> message != null);
    }

    /** The messages to {@code recipient}. */
    public List<MimeMessage> mailTo(String recipient) {
        return mail().stream().filter(message -> to(message, recipient)).toList();
    }

    /** The plain text of a message (its text/plain part, or its whole body). */
    public static String text(MimeMessage message) {
        return GreenMailUtil.getBody(message).replace("=\r\n", "").replace("=3D", "=");
    }

    /** The first link in {@code message} whose address starts with {@code prefix}. */
    public static String link(MimeMessage message, String prefix) {
        Matcher matcher = Pattern.compile(Pattern.quote(prefix) + "[^\\s\"<>]*").matcher(text(message));
        assertThat(matcher.find()).as("a link starting with %s in:%n%s", prefix, text(message)).isTrue();
        return matcher.group().replace("&amp;", "&");
    }

    public static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean to(MimeMessage message, String recipient) {
        try {
            return message.getRecipients(Message.RecipientType.TO) != null && Arrays.stream(
                    message.getRecipients(Message.RecipientType.TO)).anyMatch(to -> to.toString().contains(recipient));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String expect(int status, HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return response.body();
    }

    public static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
        assertThat(matcher.find()).as("%s in %s", name, json).isTrue();
        return matcher.group(1);
    }

    /** GreenMail whose SMTP server refuses the addresses of {@link #REFUSED} (notification-service's TestSmtp does so too). */
    private static final class RefusingGreenMail extends GreenMail {

        RefusingGreenMail(ServerSetup setup) {
            super(setup);
        }

        @Override
        protected Map<String, AbstractServer> createServices(ServerSetup[] config, Managers ignored) {
            managers = new Managers() {
                private final SmtpManager smtp = new SmtpManager(getImapHostManager(), getUserManager()) {
                    @Override
                    public String checkRecipient(SmtpState state, MailAddress address) {
                        return REFUSED.contains(address.getEmail().toLowerCase(Locale.ROOT))
                                ? "550 5.1.1 <" + address.getEmail() + ">: no such mailbox" : null;
                    }
                };

                @Override
                public SmtpManager getSmtpManager() {
                    return smtp;
                }
            };
            return super.createServices(config, managers);
        }
    }

    /** The portal's settings that point it at this stack; every journey class uses the same, so they share one context. */
    public static final class Properties implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            PortalStack stack = get();
            TestPropertyValues.of(
                    "server.port=" + stack.portalPort,
                    "spring.security.oauth2.client.provider.redciudades.issuer-uri=" + TestIdentityProvider.get().issuer(),
                    "portal.services.membership=" + stack.baseUrl(MEMBERSHIP),
                    "portal.services.events=" + stack.baseUrl(EVENTS),
                    "portal.services.notification=" + stack.baseUrl(NOTIFICATION),
                    "portal.post-logout-redirect-uri=" + AFTER_SIGN_OUT,
                    "portal.ops.dashboards-url=" + DASHBOARDS,
                    "portal.ops.prometheus-url=" + PROMETHEUS).applyTo(context);
        }
    }
}
