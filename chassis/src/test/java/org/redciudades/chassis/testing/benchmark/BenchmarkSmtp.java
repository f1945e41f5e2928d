package org.redciudades.chassis.testing.benchmark;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.server.ProtocolHandler;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.user.UserException;
import com.icegreen.greenmail.user.UserImpl;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.Socket;
import java.net.SocketException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The benchmark's SMTP server: GreenMail 2.1.7 on a free port of 127.0.0.1, with two of its test-server
 * quirks taken out by default, since the benchmark measures the service, not GreenMail. Both would
 * otherwise sit on the critical path of every email, because the dispatcher sends one email at a time and
 * waits for the server's {@code 250 OK}:
 * <ol>
 *   <li>{@code TCP_NODELAY} on every connection it accepts. GreenMail writes each line of a multi-line
 *       reply with a write of its own and leaves Nagle's algorithm on, so the second line of its EHLO reply
 *       waits for the client to acknowledge the first, which the client's TCP delays by about 40 ms
 *       (delayed ACK). The service opens one SMTP connection per email, so stock GreenMail adds 40 ms of
 *       idle waiting to every email and caps the dispatcher near 20 emails/s. Production mail servers send a
 *       multi-line reply in one segment.</li>
 *   <li>Every email goes into one mailbox. GreenMail creates a user per new recipient and finds the
 *       recipient's inbox by scanning every folder of every user, so each delivery costs time in proportion
 *       to the recipients seen so far (some 30,000 by the end of a run, warm-up included): most of
 *       GreenMail's CPU. A real MTA queues a message in constant time. Each email's envelope recipient is
 *       still recorded ({@link SmtpAcceptances}), and its headers still name its person.</li>
 * </ol>
 * {@code -Dbenchmark.smtp.stock=true} runs stock GreenMail instead, to see the difference.
 *
 * <p>{@link #startRecordingLatest} goes one step further for a benchmark that counts emails by
 * {@link SmtpAcceptances} and looks at none but one: the server still receives each message whole, parses its
 * headers and answers {@code 250 OK}, but keeps only the latest ({@link #latestMessage}) instead of storing each in an
 * IMAP folder, which parses the message's whole MIME structure for IMAP's sake: 1.37 ms of CPU per 5.7 KB
 * confirmation email, on the cores the services being measured share with it.
 *
 * <p>GreenMail serves each connection on a thread of its own that ends with it; {@link #connectionThreadNanos()}
 * adds up the CPU those threads used, which per-thread snapshots cannot see once they have ended.
 */
public final class BenchmarkSmtp extends GreenMail {

    public static final boolean STOCK = Boolean.getBoolean("benchmark.smtp.stock");
    /** The one mailbox every email goes into, unless {@link #STOCK}. */
    public static final String SINK = "sink@benchmark.invalid";

    private static final LongAdder CONNECTION_THREAD_NANOS = new LongAdder();

    private final AtomicReference<MimeMessage> latest = new AtomicReference<>();

    public BenchmarkSmtp() {
        super(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    }

    /** Starts the server; every email it accepts is recorded in {@code acceptances} and stored in its mailbox. */
    public BenchmarkSmtp startRecording(SmtpAcceptances acceptances) throws UserException {
        return startRecording(acceptances, false);
    }

    /**
     * Starts the server; every email it accepts is recorded in {@code acceptances}, and only the latest is kept
     * ({@link #latestMessage}), unless {@link #STOCK}.
     */
    public BenchmarkSmtp startRecordingLatest(SmtpAcceptances acceptances) throws UserException {
        return startRecording(acceptances, true);
    }

    private BenchmarkSmtp startRecording(SmtpAcceptances acceptances, boolean latestOnly) throws UserException {
        start();
        MessageDeliveryHandler delivery = getUserManager().getMessageDeliveryHandler();
        if (!STOCK) {
            GreenMailUser sink = latestOnly ? discarding() : getUserManager().createUser(SINK, SINK, "sink");
            delivery = (message, address) -> sink;
        }
        MessageDeliveryHandler chosen = delivery;
        getUserManager().setMessageDeliveryHandler(acceptances.recording((message, address) -> {
            latest.set(message.getMessage());
            return chosen.handle(message, address);
        }));
        return this;
    }

    /** The one mailbox's owner, who files nothing: what it is given is dropped. */
    private GreenMailUser discarding() {
        return new UserImpl(SINK, SINK, "sink", getManagers().getImapHostManager()) {
            @Override
            public void deliver(MovingMessage message) {
                // received whole and noted as the latest; not filed
            }
        };
    }

    /** The latest email the server accepted; null before the first. */
    public MimeMessage latestMessage() {
        return latest.get();
    }

    /** CPU used so far by the connection threads that have ended. */
    public static long connectionThreadNanos() {
        return CONNECTION_THREAD_NANOS.sum();
    }

    @Override
    protected Map<String, AbstractServer> createServices(ServerSetup[] config, Managers managers) {
        Map<String, AbstractServer> services = new HashMap<>();
        for (ServerSetup setup : config) {
            if (!ServerSetup.PROTOCOL_SMTP.equals(setup.getProtocol())) {
                throw new IllegalArgumentException("SMTP only, not " + setup.getProtocol());
            }
            services.put(setup.getProtocol(), new MeasuredSmtpServer(setup, managers));
        }
        return services;
    }

    /** GreenMail's SMTP server, whose connections send each reply line at once unless stock, and count their CPU. */
    private static final class MeasuredSmtpServer extends SmtpServer {

        MeasuredSmtpServer(ServerSetup setup, Managers managers) {
            super(setup, managers);
        }

        @Override
        protected ProtocolHandler createProtocolHandler(Socket clientSocket) {
            if (!STOCK) {
                try {
                    clientSocket.setTcpNoDelay(true);
                } catch (SocketException e) {
                    throw new UncheckedIOException(e);
                }
            }
            ProtocolHandler handler = super.createProtocolHandler(clientSocket);
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            return new ProtocolHandler() {
                @Override
                public void run() {
                    try {
                        handler.run();
                    } finally {
                        CONNECTION_THREAD_NANOS.add(Math.max(0, threads.getCurrentThreadCpuTime()));
                    }
                }

                @Override
                public void close() {
                    handler.close();
                }
            };
        }
    }
}
