package org.redciudades.chassis.deadletter;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.redciudades.chassis.privacy.EmailAddresses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The right to erasure, for dead letters: a record that failed keeps the personal data it carried, so a
 * service's erasure calls {@link #erase} in its own transaction. Every dead letter that names the person
 * (by one of their email addresses, or by an identifying field such as {@code contactId}) keeps its row,
 * status and error class, so ops still see that something failed, but not who it was about:
 * <ul>
 *   <li>in a JSON payload, the object that is the person's (it holds one of their addresses or their id)
 *       has its addresses and its {@code name}, {@code title} and {@code phone} replaced by
 *       {@value #MARKER}; the rest of the record stays, and can still be replayed;</li>
 *   <li>a payload that is not JSON (often the very reason it failed) is dropped whole, since nothing tells
 *       which other parts of it are theirs;</li>
 *   <li>in every other text of the letter (other payload fields, key, headers, error message) their
 *       addresses, and the names found beside them, become {@value #MARKER}.</li>
 * </ul>
 * Each scrubbed letter gets an {@code ERASE} action (who, why). The person is remembered only as the
 * fingerprints of their addresses and their identifying values ({@code erased_person}), so that a dead
 * letter that arrives later (the collector copies them asynchronously) is scrubbed as it is kept.
 */
public class DeadLetterErasure {

    public static final String MARKER = "[erased]";

    private static final Logger log = LoggerFactory.getLogger(DeadLetterErasure.class);
    /** In an object that is the person's, the fields besides addresses that hold their personal data. */
    private static final Set<String> PERSONAL_FIELDS = Set.of("name", "title", "phone");
    /** Names shorter than this are not searched for in free text: they would match anything. */
    private static final int SHORTEST_NAME = 3;
    /** The {@code erased_person.field} of an address's fingerprint; any other is a JSON field name. */
    private static final String EMAIL_FINGERPRINT = "email";
    private static final TypeReference<LinkedHashMap<String, String>> HEADER_MAP = new TypeReference<>() {
    };

    /**
     * Someone to erase: the fingerprints of their email addresses ({@link EmailAddresses#fingerprint}),
     * and JSON fields whose value identifies them (e.g. {@code contactId}).
     */
    public record Person(Set<String> fingerprints, Map<String, Set<String>> identifiers) {

        public Person {
            fingerprints = Set.copyOf(fingerprints);
            Map<String, Set<String>> ids = new HashMap<>();
            identifiers.forEach((field, values) -> ids.put(field, values.stream()
                    .map(value -> value.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet())));
            identifiers = Map.copyOf(ids);
        }

        public static Person withEmails(Collection<String> emails) {
            return withFingerprints(emails.stream().map(EmailAddresses::fingerprint).toList());
        }

        public static Person withFingerprints(Collection<String> fingerprints) {
            return new Person(new HashSet<>(fingerprints), Map.of());
        }

        /** The same person, also known as the JSON objects whose {@code field} has {@code value}. */
        public Person identifiedBy(String field, Object value) {
            Map<String, Set<String>> ids = new HashMap<>(identifiers);
            Set<String> values = new HashSet<>(ids.getOrDefault(field, Set.of()));
            values.add(String.valueOf(Objects.requireNonNull(value, field)));
            ids.put(field, values);
            return new Person(fingerprints, ids);
        }

        boolean isEmpty() {
            return fingerprints.isEmpty() && identifiers.isEmpty();
        }
    }

    private record Letter(UUID id, byte[] payload, byte[] key, String headers, String errorMessage) {
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    public DeadLetterErasure(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Scrubs every dead letter that names {@code person}, and remembers the person for dead letters still
     * to come. Runs in the caller's transaction, so that it commits or rolls back with the rest of the
     * erasure. Returns how many dead letters were scrubbed.
     */
    public int erase(Person person, String actor, String reason) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("A dead letter is erased within the transaction of the erasure it belongs to");
        }
        if (person.isEmpty()) {
            return 0;
        }
        Known known = new Known(person);
        List<Letter> letters = jdbc.sql("select id, payload, record_key, headers::text as headers, error_message from dead_letter")
                .query((rs, n) -> new Letter(rs.getObject("id", UUID.class), rs.getBytes("payload"),
                        rs.getBytes("record_key"), rs.getString("headers"), rs.getString("error_message")))
                .list();
        Set<UUID> scrubbed = new HashSet<>();
        int knownAddresses;
        do {   // a letter that names them by id may teach an address that other letters name them by
            knownAddresses = known.fingerprints.size();
            for (Letter letter : letters) {
                if (!scrubbed.contains(letter.id()) && scrub(letter, known, actor, reason)) {
                    scrubbed.add(letter.id());
                }
            }
        } while (known.fingerprints.size() > knownAddresses);
        remember(known);
        if (!scrubbed.isEmpty()) {
            log.info("Erasure scrubbed {} dead letter(s): {}", scrubbed.size(), reason);
        }
        return scrubbed.size();
    }

    /** Scrubs a dead letter just kept if it names anyone erased before it arrived. */
    void scrubIfErased(String topic, int partition, long offset) {
        Known erased = erasedSoFar();
        if (erased.isEmpty()) {
            return;
        }
        jdbc.sql("""
                select id, payload, record_key, headers::text as headers, error_message from dead_letter
                where dead_letter_topic = :topic and dead_letter_partition = :partition and dead_letter_offset = :offset
                """)
                .param("topic", topic).param("partition", partition).param("offset", offset)
                .query((rs, n) -> new Letter(rs.getObject("id", UUID.class), rs.getBytes("payload"),
                        rs.getBytes("record_key"), rs.getString("headers"), rs.getString("error_message")))
                .optional()
                .filter(letter -> scrub(letter, erased, "dead-letter-collector", "names a person erased before it arrived"))
                .ifPresent(letter -> remember(erased));   // with any address it showed of theirs
    }

    /** Scrubs one letter if it names the person; returns whether it did. */
    private boolean scrub(Letter letter, Known known, String actor, String reason) {
        String payloadText = lenient(letter.payload());
        String keyText = strict(letter.key());
        if (!(known.mentionedIn(payloadText) || known.mentionedIn(keyText) || known.mentionedIn(letter.headers())
                || known.mentionedIn(letter.errorMessage()))) {
            return false;
        }
        Scrub scrub = new Scrub(known);
        byte[] payload = letter.payload();
        JsonNode tree = tree(letter.payload());
        if (tree != null) {
            scrub.redactTheirObjects(tree);
            scrub.redactText(tree);
            payload = scrub.changed ? json.writeValueAsBytes(tree) : payload;
        } else if (known.mentionedIn(payloadText)) {
            payload = null;
            scrub.changed = true;
        }
        byte[] key = keyText == null ? letter.key() : scrub.text(keyText).getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = json.readValue(letter.headers(), HEADER_MAP);
        headers.replaceAll((name, value) -> scrub.text(value));
        String errorMessage = scrub.text(letter.errorMessage());
        if (!scrub.changed) {
            return false;
        }
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                update dead_letter set payload = :payload, record_key = :key, headers = cast(:headers as jsonb),
                                       error_message = :errorMessage
                where id = :id
                """)
                .param("payload", payload).param("key", key).param("headers", json.writeValueAsString(headers))
                .param("errorMessage", errorMessage).param("id", letter.id())
                .update();
        jdbc.sql("""
                insert into dead_letter_action (dead_letter_id, action, actor, reason, acted_at)
                values (:id, 'ERASE', :actor, :reason, :now)
                """)
                .param("id", letter.id()).param("actor", actor).param("reason", reason).param("now", now)
                .update();
        return true;
    }

    private void remember(Known known) {
        Timestamp now = Timestamp.from(clock.instant());
        known.fingerprints.forEach(fingerprint -> remember(EMAIL_FINGERPRINT, fingerprint, now));
        known.identifiers.forEach((field, values) -> values.forEach(value -> remember(field, value, now)));
    }

    private void remember(String field, String value, Timestamp now) {
        jdbc.sql("insert into erased_person (field, value, erased_at) values (:field, :value, :now) on conflict do nothing")
                .param("field", field).param("value", value).param("now", now).update();
    }

    private Known erasedSoFar() {
        Set<String> fingerprints = new HashSet<>();
        Map<String, Set<String>> identifiers = new HashMap<>();
        jdbc.sql("select field, value from erased_person").query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2)))
                .list()
                .forEach(row -> {
                    if (row.getKey().equals(EMAIL_FINGERPRINT)) {
                        fingerprints.add(row.getValue());
                    } else {
                        identifiers.computeIfAbsent(row.getKey(), field -> new HashSet<>()).add(row.getValue());
                    }
                });
        return new Known(new Person(fingerprints, identifiers));
    }

    /** A JSON object or array, or null when the payload is anything else. */
    private JsonNode tree(byte[] payload) {
        if (strict(payload) == null) {
            return null;
        }
        try {
            JsonNode tree = json.readTree(payload);
            return tree != null && (tree.isObject() || tree.isArray()) ? tree : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    private static String strict(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static String lenient(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    /** What is known of the person during one erasure: it grows as letters show more of their addresses. */
    private static final class Known {

        final Set<String> fingerprints;
        final Map<String, Set<String>> identifiers;

        Known(Person person) {
            this.fingerprints = new HashSet<>(person.fingerprints());
            this.identifiers = person.identifiers();
        }

        boolean isEmpty() {
            return fingerprints.isEmpty() && identifiers.isEmpty();
        }

        boolean isTheirAddress(String text) {
            return EmailAddresses.isAddress(text) && fingerprints.contains(EmailAddresses.fingerprint(text));
        }

        boolean mentionedIn(String text) {
            if (text == null) {
                return false;
            }
            String lower = text.toLowerCase(Locale.ROOT);
            if (identifiers.values().stream().flatMap(Set::stream).anyMatch(lower::contains)) {
                return true;
            }
            Matcher addresses = EmailAddresses.IN_TEXT.matcher(text);
            while (addresses.find()) {
                if (fingerprints.contains(EmailAddresses.fingerprint(addresses.group()))) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The scrubbing of one letter: the names it finds beside the person's addresses, and whether it changed anything. */
    private static final class Scrub {

        final Known known;
        final Set<String> names = new LinkedHashSet<>();
        boolean changed;

        Scrub(Known known) {
            this.known = known;
        }

        void redactTheirObjects(JsonNode node) {
            if (node instanceof ObjectNode object) {
                if (isTheirs(object)) {
                    for (String field : new ArrayList<>(object.propertyNames())) {
                        JsonNode value = object.get(field);
                        if (!value.isString() || value.stringValue().equals(MARKER)) {
                            continue;
                        }
                        if (EmailAddresses.isAddress(value.stringValue())) {
                            known.fingerprints.add(EmailAddresses.fingerprint(value.stringValue()));
                        } else if (PERSONAL_FIELDS.contains(field)) {
                            if (field.equals("name") && value.stringValue().strip().length() >= SHORTEST_NAME) {
                                names.add(value.stringValue().strip());
                            }
                        } else {
                            continue;
                        }
                        object.put(field, MARKER);
                        changed = true;
                    }
                }
                object.values().forEach(this::redactTheirObjects);
            } else if (node instanceof ArrayNode array) {
                array.values().forEach(this::redactTheirObjects);
            }
        }

        private boolean isTheirs(ObjectNode object) {
            for (var property : object.properties()) {
                JsonNode value = property.getValue();
                if (value.isString() && (known.isTheirAddress(value.stringValue())
                        || known.identifiers.getOrDefault(property.getKey(), Set.of())
                                .contains(value.stringValue().toLowerCase(Locale.ROOT)))) {
                    return true;
                }
            }
            return false;
        }

        void redactText(JsonNode node) {
            if (node instanceof ObjectNode object) {
                for (String field : new ArrayList<>(object.propertyNames())) {
                    JsonNode value = object.get(field);
                    if (value.isString()) {
                        object.put(field, text(value.stringValue()));
                    } else {
                        redactText(value);
                    }
                }
            } else if (node instanceof ArrayNode array) {
                for (int i = 0; i < array.size(); i++) {
                    JsonNode value = array.get(i);
                    if (value.isString()) {
                        array.set(i, text(value.stringValue()));
                    } else {
                        redactText(value);
                    }
                }
            }
        }

        /** The text with the person's addresses, and the names found beside them, replaced. */
        String text(String text) {
            if (text == null) {
                return null;
            }
            String result = EmailAddresses.IN_TEXT.matcher(text).replaceAll(found ->
                    known.fingerprints.contains(EmailAddresses.fingerprint(found.group())) ? Matcher.quoteReplacement(MARKER)
                            : Matcher.quoteReplacement(found.group()));
            for (String name : names) {
                result = Pattern.compile(Pattern.quote(name), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(result)
                        .replaceAll(Matcher.quoteReplacement(MARKER));
            }
            if (!result.equals(text)) {
                changed = true;
            }
            return result;
        }
    }
}
