package org.redciudades.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.redciudades.chassis.security.Roles;
import org.redciudades.chassis.testing.ContractExample;
import org.redciudades.chassis.testing.ServiceScenario;
import org.redciudades.chassis.testing.TestJson;
import org.redciudades.chassis.testing.TestTokens;
import org.redciudades.events.EventDraft.Venue;
import org.redciudades.events.eligibility.MemberEligibility;
import org.redciudades.events.eligibility.StaffContacts;
import org.redciudades.events.registration.Registrations;
import org.redciudades.events.registration.Requester;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What tests do to events-service, in the words of its users: organizers draft and announce events,
 * people register, membership-service tells of members. Each step goes through the service's API, or
 * its broker, as a real caller's would; the database is read only to check what a step left behind.
 */
@TestComponent
public class EventsScenario extends ServiceScenario {

    public static final String MEMBERSHIP_TOPIC = "membership.member";

    /** The body of a registration. */
    public record Registrant(String name, String email, String locale) {
        public static Registrant of(String email) {
            return new Registrant("Asistente", email, "es-MX");
        }
    }

    /** The body that describes an event again ({@code PUT .../description}); a null window is not sent. */
    public record Description(String titleEs, String titleEn, String modality, Venue venue, String onlineLink,
                              String registrationOpensAt, String registrationClosesAt) {

        public Description(String titleEs, String titleEn, String modality, Venue venue, String onlineLink) {
            this(titleEs, titleEn, modality, venue, onlineLink, null, null);
        }

        public Description withRegistrationWindow(String opensAt, String closesAt) {
            return new Description(titleEs, titleEn, modality, venue, onlineLink, opensAt, closesAt);
        }
    }

    public record Schedule(String startsAt, String endsAt, String timeZone) {
    }

    public record Reason(String reason) {
    }

    public record Capacity(int capacity) {
    }

    /**
     * A member institution as membership-service's facts made it known here: its primary contact and two
     * more of its staff, each with a fresh address.
     */
    public record Institution(UUID memberId, Person primary, Person staff, Person otherStaff) {
    }

    /**
     * A member contact, signed in: one token per person, so that each keeps one subject (the owner of
     * what they register).
     */
    public record Person(UUID contactId, String email, String token) {
    }

    /** A member contact as membership's facts carry it. */
    public record ContactFact(UUID contactId, String name, String email, String title, String locale, boolean primary) {
        public static ContactFact of(String email, boolean primary) {
            return new ContactFact(UUID.randomUUID(), "Contacto", email, "Personal técnico", "es-MX", primary);
        }
    }

    public static final Duration PATIENCE = Duration.ofSeconds(30);

    private final JsonMapper json;
    private final JdbcClient jdbc;
    private final MemberEligibility eligibility;
    private final StaffContacts staffContacts;
    private final Registrations registrations;

    EventsScenario(JsonMapper json, JdbcClient jdbc, MemberEligibility eligibility, StaffContacts staffContacts,
                   Registrations registrations, Environment environment) {
        super(environment);
        this.json = json;
        this.jdbc = jdbc;
        this.eligibility = eligibility;
        this.staffContacts = staffContacts;
        this.registrations = registrations;
    }

    public String organizer() {
        return TestTokens.withRole(Roles.ORGANIZER);
    }

    /** Someone signed in, with a verified email that is nobody's contact: a new person at each call. */
    public String staff() {
        return person(newAddress("persona"));
    }

    /** Someone signed in with no role, whose identity provider verified {@code email}. */
    public String person(String email) {
        return TestTokens.forPerson(email);
    }

    /** An address nobody has used yet, e.g. {@code ana-<uuid>@municipio.example.mx}. */
    public static String newAddress(String who) {
        return who + "-" + UUID.randomUUID() + "@municipio.example.mx";
    }

    /**
     * An institution that membership-service activated, with a primary contact and two more staff, once
     * this service has consumed the activation.
     */
    public Institution activeInstitution() {
        return activeInstitution("IMPLAN Torreón");
    }

    public Institution activeInstitution(String name) {
        UUID member = UUID.randomUUID();
        ContactFact primary = ContactFact.of(newAddress("titular"), true);
        ContactFact staff = ContactFact.of(newAddress("tecnica"), false);
        ContactFact otherStaff = ContactFact.of(newAddress("analista"), false);
        publish(membershipFact("member.activated", member).with("/institution/name", name)
                .with("/contacts", List.of(primary, staff, otherStaff)));
        awaitActsFor(otherStaff.email(), member);
        return new Institution(member, signedIn(primary), signedIn(staff), signedIn(otherStaff));
    }

    private Person signedIn(ContactFact contact) {
        return new Person(contact.contactId(), contact.email(), person(contact.email()));
    }

    /** An institution that has applied but is not active here, with {@code contacts}; once consumed. */
    public UUID applicant(ContactFact... contacts) {
        UUID member = UUID.randomUUID();
        publish(membershipFact("application.submitted", member).with("/contacts", List.of(contacts)));
        await().atMost(PATIENCE).until(() -> jdbc.sql("select count(*) from staff_contact where member_id = :m")
                .param("m", member).query(Long.class).single() == contacts.length);
        return member;
    }

    /** The institution {@code email} is a contact of, as this service's projection says. */
    public Optional<StaffContacts.Affiliation> affiliationOf(String email) {
        return staffContacts.of(email);
    }

    /** Whether this service's projection still knows {@code contactId} as a member contact. */
    public boolean isContact(UUID contactId) {
        return jdbc.sql("select count(*) from staff_contact where contact_id = :id").param("id", contactId)
                .query(Long.class).single() > 0;
    }

    /** Waits until this service has consumed the facts that make {@code email} a contact of {@code member}. */
    public void awaitActsFor(String email, UUID member) {
        await().atMost(PATIENCE).until(() -> affiliationOf(email)
                .filter(a -> a.memberId().equals(member) && a.active()).isPresent());
    }

    public PublishedFacts facts() {
        return new PublishedFacts(jdbc, json);
    }

    public HttpResponse<String> draft(EventDraft event) {
        return api().post("/api/v1/events", organizer(), event.json());
    }

    public UUID drafted(EventDraft event) {
        HttpResponse<String> drafted = draft(event);
        assertThat(drafted.statusCode()).as(drafted.body()).isEqualTo(201);
        return UUID.fromString(body(drafted).get("id").asString());
    }

    public UUID announced(EventDraft event) {
        UUID id = drafted(event);
        assertThat(act(id, "announcement", null).statusCode()).isEqualTo(200);
        return id;
    }

    /** An organizer's step on an event: {@code announcement}, {@code rescheduling}, {@code cancellation}… */
    public HttpResponse<String> act(UUID event, String step, Object body) {
        return post("/api/v1/events/" + event + "/" + step, organizer(), body);
    }

    public HttpResponse<String> describe(UUID event, Description description) {
        return put("/api/v1/events/" + event + "/description", organizer(), description);
    }

    public HttpResponse<String> resize(UUID event, int capacity) {
        return put("/api/v1/events/" + event + "/capacity", organizer(), new Capacity(capacity));
    }

    public HttpResponse<String> register(UUID event, String token, String email) {
        return register(event, token, Registrant.of(email));
    }

    public HttpResponse<String> register(UUID event, String token, Registrant registrant) {
        return post("/api/v1/events/" + event + "/registrations", token, registrant);
    }

    /**
     * Someone without an account registers, through the portal: the request comes from the portal (this
     * host, a trusted proxy) for a visitor at a client address of their own, a new one at each call.
     */
    public HttpResponse<String> registerAsGuest(UUID event, Registrant registrant) {
        return registerAsGuest(event, registrant, newClientAddress());
    }

    /** The same, for a visitor at {@code clientAddress}, as the portal's {@code X-Forwarded-For} names it. */
    public HttpResponse<String> registerAsGuest(UUID event, Registrant registrant, String clientAddress) {
        return api().send("POST", "/api/v1/events/" + event + "/guest-registrations", null, "application/json",
                TestJson.write(registrant).getBytes(StandardCharsets.UTF_8), Map.of("X-Forwarded-For", clientAddress));
    }

    /** An IPv6 address nobody has used yet, from the documentation prefix 2001:db8::/32. */
    public static String newClientAddress() {
        UUID random = UUID.randomUUID();
        return String.format("2001:db8:%x:%x:%x:%x:%x:%x", random.getMostSignificantBits() >>> 48 & 0xffff,
                random.getMostSignificantBits() >>> 32 & 0xffff, random.getMostSignificantBits() >>> 16 & 0xffff,
                random.getLeastSignificantBits() >>> 32 & 0xffff, random.getLeastSignificantBits() >>> 16 & 0xffff,
                random.getLeastSignificantBits() & 0xffff);
    }

    /** What the holder of a manage link sees: {@code GET /api/v1/guest-registrations/{id}?token=}; no token if null. */
    public HttpResponse<String> guestRegistration(String registration, String token) {
        return api().get("/api/v1/guest-registrations/" + registration + tokenQuery(token), null);
    }

    /** The holder of a manage link cancels through it. */
    public HttpResponse<String> cancelAsGuest(String registration, String token) {
        return api().post("/api/v1/guest-registrations/" + registration + "/cancellation" + tokenQuery(token), null, null);
    }

    private static String tokenQuery(String token) {
        return token == null ? "" : "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    /** The active registration of {@code email} at {@code event}, read from the database. */
    public String activeRegistration(UUID event, String email) {
        return jdbc.sql("""
                select id::text from registration
                where event_id = :e and email = :m and status not in ('CANCELLED', 'REJECTED')
                """).param("e", event).param("m", email.toLowerCase(Locale.ROOT)).query(String.class).single();
    }

    /**
     * The manage token that the facts about a guest's registration carried, as notification-service reads
     * it to write the link into their email: the one of the latest fact that has one.
     */
    public String manageToken(UUID event, String registration) {
        return facts().all(event).stream()
                .filter(fact -> registration.equals(fact.path("registrationId").asString("")))
                .map(fact -> fact.path("attendee").path("manageToken"))
                .filter(JsonNode::isString)
                .map(JsonNode::asString)
                .reduce((first, last) -> last)
                .orElseThrow(() -> new AssertionError("no fact about " + registration + " carries a manage token"));
    }

    /** A step on a registration by whoever holds {@code token}: {@code cancellation}, {@code approval}… */
    public HttpResponse<String> act(String registration, String step, String token) {
        return act(registration, step, token, null);
    }

    public HttpResponse<String> act(String registration, String step, String token, Object body) {
        return post("/api/v1/registrations/" + registration + "/" + step, token, body);
    }

    /**
     * Registers through the service itself, past the API, as many at once as a test needs: someone who
     * acts for {@code member} (active), or for no institution when it is null.
     */
    public UUID registerDirectly(UUID event, String email, UUID member) {
        Requester registrant = new Requester("test-subject", false,
                member == null ? null : new StaffContacts.Affiliation(member, false, MemberEligibility.Status.ACTIVE), null);
        return registrations.register(event, new Registrations.Registrant(email, "Persona", "es-MX"), registrant)
                .registration().id();
    }

    /** The id of a registration, whether shown alone or to its attendee (inside {@code registration}). */
    public static String registrationId(JsonNode shown) {
        return (shown.has("registration") ? shown.get("registration") : shown).get("id").asString();
    }

    /** An announced two-hour event written straight to the database, with no window: open as long as it is upcoming. */
    public UUID seededEvent(int capacity, Instant startsAt) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into event (id, type, title_es, time_zone, starts_at, ends_at, capacity, waitlist_enabled, status, created_at)
                values (:id, 'WORKSHOP', 'Taller de movilidad urbana', 'America/Mexico_City', :start, :end, :capacity, true,
                        'ANNOUNCED', now())
                """)
                .param("id", id).param("start", Timestamp.from(startsAt))
                .param("end", Timestamp.from(startsAt.plusSeconds(7200))).param("capacity", capacity).update();
        return id;
    }

    public String status(UUID registration) {
        return jdbc.sql("select status from registration where id = :id").param("id", registration)
                .query(String.class).single();
    }

    public String eventStatus(UUID event) {
        return jdbc.sql("select status from event where id = :id").param("id", event).query(String.class).single();
    }

    /** Moves an event's times by SQL, past the API's rules, e.g. to make it one that has started. */
    public void moveEvent(UUID event, java.time.Duration startsIn, java.time.Duration endsIn) {
        jdbc.sql("update event set starts_at = :start, ends_at = :end where id = :id")
                .param("start", Timestamp.from(Instant.now().plus(startsIn)))
                .param("end", Timestamp.from(Instant.now().plus(endsIn))).param("id", event).update();
    }

    public long registrations(UUID event) {
        return jdbc.sql("select count(*) from registration where event_id = :e").param("e", event).query(Long.class).single();
    }

    public long registrations(UUID event, String status) {
        return jdbc.sql("select count(*) from registration where event_id = :e and status = :s")
                .param("e", event).param("s", status).query(Long.class).single();
    }

    public int seatsTaken(UUID event) {
        return jdbc.sql("select seats_taken from event where id = :e").param("e", event).query(Integer.class).single();
    }

    /** A membership fact about {@code member}, from its contract example; change more, then {@link #publish} it. */
    public static ContractExample membershipFact(String fact, UUID member) {
        return ContractExample.of("org.redciudades.membership." + fact + ".v1").with("/memberId", member);
    }

    /** Writes a membership fact to membership-service's topic, keyed by its member, as membership-service does. */
    public void publish(ContractExample fact) {
        fact.publish(MEMBERSHIP_TOPIC, fact.text("/memberId"));
    }
}
