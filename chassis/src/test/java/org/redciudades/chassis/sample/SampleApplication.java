package org.redciudades.chassis.sample;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.redciudades.chassis.envelope.EventType;
import org.redciudades.chassis.inbox.InboundEvents;
import org.redciudades.chassis.outbox.Outbox;
import org.redciudades.chassis.security.ApiAccess;
import org.redciudades.chassis.web.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A minimal service that uses the chassis the way the real services do: notes in, note effects out. */
@SpringBootApplication
public class SampleApplication {

    private static final Logger log = LoggerFactory.getLogger(SampleApplication.class);

    static final String TOPIC = "sample.note";
    static final String CREATED = "org.redciudades.sample.note.created.v1";

    @EventType(CREATED)
    public record NoteCreated(UUID noteId, String text) {
        public NoteCreated {
            java.util.Objects.requireNonNull(noteId, "noteId");
            java.util.Objects.requireNonNull(text, "text");
        }
    }

    @Service
    public static class Notes {

        private final JdbcClient jdbc;
        private final Outbox outbox;

        Notes(JdbcClient jdbc, Outbox outbox) {
            this.jdbc = jdbc;
            this.outbox = outbox;
        }

        @Transactional
        public UUID create(String text) {
            UUID id = UUID.randomUUID();
            jdbc.sql("insert into note (id, text) values (:id, :text)").param("id", id).param("text", text).update();
            outbox.append(TOPIC, id.toString(), new NoteCreated(id, text));
            return id;
        }

        /** Writes the note and its event, then fails: the transaction rolls back. */
        @Transactional
        public UUID createThenFail(String text) {
            create(text);
            throw new IllegalStateException("simulated failure after the outbox append");
        }

        /** Writes the note, then refuses it, as a domain rule does: a 409, and the transaction rolls back. */
        @Transactional
        public UUID createThenRefuse(String text) {
            create(text);
            throw new ProblemException(HttpStatus.CONFLICT, "note-refused");
        }
    }

    /**
     * What can go wrong with one request, chosen by its text: it fails once, or its instance dies right after
     * its work is done and before it answers. A request stopped there never goes on until {@link #revive()}:
     * as far as the database and the clients can tell, its instance is gone (once its session is ended).
     */
    @Service
    public static class Mishaps {
        private final Set<String> failOnce = ConcurrentHashMap.newKeySet();
        private volatile String dieAfterWork;
        private volatile CountDownLatch died = new CountDownLatch(1);
        private volatile CountDownLatch revived = new CountDownLatch(1);
        private volatile long deadSession;
        private final JdbcClient jdbc;

        Mishaps(JdbcClient jdbc) {
            this.jdbc = jdbc;
        }

        public void failOnce(String text) {
            failOnce.add(text);
        }

        public void dieAfterWork(String text) {
            died = new CountDownLatch(1);
            revived = new CountDownLatch(1);
            dieAfterWork = text;
        }

        /** Waits until the request has died; returns its database session's process id. */
        public long awaitDeath() throws InterruptedException {
            if (!died.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the request never reached its death");
            }
            return deadSession;
        }

        public void revive() {
            revived.countDown();
        }

        boolean failsNow(String text) {
            return failOnce.remove(text);
        }

        void maybeDie(String text) {
            if (!text.equals(dieAfterWork)) {
                return;
            }
            dieAfterWork = null;
            deadSession = jdbc.sql("select pg_backend_pid()").query(Long.class).single();
            died.countDown();
            try {
                revived.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("this instance died after the work of this request");
        }
    }

    /** Fails the first {@code n} attempts of any note whose text starts with "flaky", like a database hiccup. */
    @Service
    public static class Flakiness {
        public final AtomicInteger failuresLeft = new AtomicInteger();
        public final AtomicInteger attempts = new AtomicInteger();
    }

    /** Creates a note over HTTP, as a service's API does; a text starting with "refuse" is refused. */
    @RestController
    static class NotesApi {
        private final Notes notes;
        private final Mishaps mishaps;

        NotesApi(Notes notes, Mishaps mishaps) {
            this.notes = notes;
            this.mishaps = mishaps;
        }

        @PostMapping("/api/v1/notes")
        Map<String, UUID> create(@RequestBody Map<String, String> body) {
            String text = body.get("text");
            if (mishaps.failsNow(text)) {
                notes.createThenFail(text);
            }
            UUID id = text.startsWith("refuse") ? notes.createThenRefuse(text) : notes.create(text);
            mishaps.maybeDie(text);
            return Map.of("id", id);
        }
    }

    /** Fails the way an unforeseen bug does, with internals in the exception message. */
    @RestController
    static class Broken {
        @GetMapping("/api/v1/broken")
        String broken() {
            throw new IllegalStateException("jdbc:postgresql://db.internal:5432/secret password=hunter2");
        }
    }

    @Bean
    ApiAccess sampleAccess() {
        return rules -> rules.requestMatchers("/api/v1/broken", "/api/v1/notes").permitAll();
    }

    @Bean
    Consumer<Message<byte[]>> noteEvents(InboundEvents inbound, JdbcClient jdbc, Flakiness flakiness) {
        return inbound.consumer("note-effects")
                .on(CREATED, NoteCreated.class, (note, event) -> {
                    if (note.text().startsWith("flaky")) {
                        flakiness.attempts.incrementAndGet();
                        if (flakiness.failuresLeft.getAndDecrement() > 0) {
                            throw new IllegalStateException("transient failure");
                        }
                    }
                    log.info("Applying note {}", note.noteId());
                    jdbc.sql("insert into note_effect (note_id, event_id) values (:note, :event)")
                            .param("note", note.noteId()).param("event", event.id()).update();
                })
                .build();
    }
}
