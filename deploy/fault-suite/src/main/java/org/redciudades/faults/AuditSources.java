package org.redciudades.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads an {@link Audit.Snapshot}: the three databases, the topics from their start, and the mail server's list. */
public final class AuditSources {

    public static final List<String> TOPICS = List.of("membership.member", "events.event", "notification.delivery");

    private final Map<String, String> jdbcUrls;
    private final String bootstrapServers;
    private final URI mailControl;
    private final HttpClient http = HttpClient.newHttpClient();

    /** {@code jdbcUrls} by service: membership, events, notification. */
    public AuditSources(Map<String, String> jdbcUrls, String bootstrapServers, URI mailControl) {
        this.jdbcUrls = jdbcUrls;
        this.bootstrapServers = bootstrapServers;
        this.mailControl = mailControl;
    }

    /** What the scenario that began at {@code since} left, for the events the load made ({@code eventIds}). */
    public Audit.Snapshot read(Instant since, List<String> eventIds, Set<String> memberIds)
            throws SQLException, IOException, InterruptedException {
        var registrations = new ArrayList<Audit.Registration>();
        var seats = new ArrayList<Audit.Seats>();
        var members = new HashMap<String, Audit.Member>();
        var outbox = new ArrayList<Audit.OutboxRow>();
        var processed = new HashMap<String, Set<String>>();
        var notifications = new ArrayList<Audit.Notification>();
        var eligible = new HashSet<String>();

        try (var events = connect("events")) {
            var ids = events.createArrayOf("uuid", eventIds.toArray());
            try (var query = events.prepareStatement(
                    "select id::text, event_id::text, email, status from registration where event_id = any(?)")) {
                query.setArray(1, ids);
                try (var rows = query.executeQuery()) {
                    while (rows.next()) {
                        registrations.add(new Audit.Registration(rows.getString(1), rows.getString(2),
                                rows.getString(3), rows.getString(4)));
                    }
                }
            }
            try (var query = events.prepareStatement("""
                    select e.id::text, e.capacity, e.seats_taken,
                           count(*) filter (where r.status in ('CONFIRMED', 'ATTENDED', 'PENDING_APPROVAL')),
                           count(*) filter (where r.status = 'WAITLISTED')
                    from event e left join registration r on r.event_id = e.id
                    where e.id = any(?) group by e.id, e.capacity, e.seats_taken""")) {
                query.setArray(1, ids);
                try (var rows = query.executeQuery()) {
                    while (rows.next()) {
                        seats.add(new Audit.Seats(rows.getString(1), rows.getInt(2), rows.getInt(3), rows.getInt(4),
                                rows.getInt(5)));
                    }
                }
            }
            try (var query = events.prepareStatement(
                    "select member_id::text from member_eligibility where status = 'ACTIVE'");
                 var rows = query.executeQuery()) {
                while (rows.next()) {
                    eligible.add(rows.getString(1));
                }
            }
        }
        try (var membership = connect("membership");
             var query = membership.prepareStatement("select id::text, status from member");
             var rows = query.executeQuery()) {
            while (rows.next()) {
                var id = rows.getString(1);
                if (memberIds.contains(id)) {
                    members.put(id, new Audit.Member(id, rows.getString(2), eligible.contains(id)));
                }
            }
        }
        for (var service : jdbcUrls.keySet()) {
            try (var db = connect(service)) {
                try (var query = db.prepareStatement("select id::text, topic, event_type, sent_at is not null "
                        + "from outbox_event where occurred_at >= ?")) {
                    query.setTimestamp(1, Timestamp.from(since));
                    try (var rows = query.executeQuery()) {
                        while (rows.next()) {
                            outbox.add(new Audit.OutboxRow(service, rows.getString(1), rows.getString(2),
                                    rows.getString(3), rows.getBoolean(4)));
                        }
                    }
                }
                var ids = new HashSet<String>();
                try (var query = db.prepareStatement("select event_id from processed_event where processed_at >= ?")) {
                    query.setTimestamp(1, Timestamp.from(since.minusSeconds(60)));
                    try (var rows = query.executeQuery()) {
                        while (rows.next()) {
                            ids.add(rows.getString(1));
                        }
                    }
                }
                processed.put(service, ids);
            }
        }
        try (var notification = connect("notification");
             var query = notification.prepareStatement("select id::text, source_event_id, recipient, template, subject, "
                     + "status from notification where created_at >= ?")) {
            query.setTimestamp(1, Timestamp.from(since));
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    notifications.add(new Audit.Notification(rows.getString(1), rows.getString(2), rows.getString(3),
                            rows.getString(4), rows.getString(5), rows.getString(6)));
                }
            }
        }
        return new Audit.Snapshot(registrations, members, outbox, topicCopies(), processed, notifications, mails(),
                seats);
    }

    private Connection connect(String service) throws SQLException {
        var properties = new Properties();
        properties.setProperty("user", "postgres");
        properties.setProperty("password", "postgres");
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("socketTimeout", "60");
        return DriverManager.getConnection(jdbcUrls.get(service), properties);
    }

    /** How many records of each {@code ce_id} the topics hold, read from the start to their current end. */
    public Map<String, Integer> topicCopies() {
        var copies = new HashMap<String, Integer>();
        var config = Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        try (var consumer = new KafkaConsumer<byte[], byte[]>(config)) {
            var partitions = new ArrayList<TopicPartition>();
            for (var topic : TOPICS) {
                consumer.partitionsFor(topic, Duration.ofSeconds(30))
                        .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p, Duration.ofSeconds(30)) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read the topics to their end in 3 minutes");
                }
                for (var record : consumer.poll(Duration.ofSeconds(1))) {
                    var header = record.headers().lastHeader("ce_id");
                    if (header != null) {
                        copies.merge(new String(header.value(), StandardCharsets.UTF_8), 1, Integer::sum);
                    }
                }
            }
        }
        return copies;
    }

    public List<Audit.Mail> mails() throws IOException, InterruptedException {
        var answer = http.send(HttpRequest.newBuilder(mailControl.resolve("/messages")).timeout(Duration.ofSeconds(60))
                .build(), HttpResponse.BodyHandlers.ofString());
        var mails = new ArrayList<Audit.Mail>();
        for (var line : answer.body().split("\n")) {
            var f = line.split("\t", -1);
            if (f.length >= 4) {
                mails.add(new Audit.Mail(f[1], f[2], f[3]));
            }
        }
        return mails;
    }
}
