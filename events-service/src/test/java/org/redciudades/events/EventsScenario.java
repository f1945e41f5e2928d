package org.redciudades.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.redciudades.chassis.security.Roles;
import org.redciudades.chassis.testing.ContractExample;
import org.redciudades.chassis.testing.ServiceScenario;
import org.redciudades.chassis.testing.TestTokens;
import org.redciudades.events.EventDraft.Venue;
import org.redciudades.events.eligibility.MemberEligibility;
import org.redciudades.events.registration.Registrations;
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

    private final JsonMapper json;
    private final JdbcClient jdbc;
    private final MemberEligibility eligibility;
    private final Registrations registrations;

    EventsScenario(JsonMapper json, JdbcClient jdbc, MemberEligibility eligibility, Registrations registrations,
                   Environment environment) {
        super(environment);
        this.json = json;
        this.jdbc = jdbc;
        this.eligibility = eligibility;
        this.registrations = registrations;
    }

    public String organizer() {
        return TestTokens.withRole(Roles.ORGANIZER);
    }

    /** Someone signed in with the member role but no institution in their token. */
    public String staff() {
        return TestTokens.withRole(Roles.MEMBER);
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

    /** A step on a registration by whoever holds {@code token}: {@code cancellation}, {@code approval}… */
    public HttpResponse<String> act(String registration, String step, String token) {
        return act(registration, step, token, null);
    }

    public HttpResponse<String> act(String registration, String step, String token, Object body) {
        return post("/api/v1/registrations/" + registration + "/" + step, token, body);
    }

    /** Registers through the service itself, past the API, as many at once as a test needs. */
    public UUID registerDirectly(UUID event, String email, UUID member) {
        return registrations.register(event, new Registrations.NewRegistration(email, "Persona", "es-MX", member,
                "test-subject")).registration().id();
    }

    /** The id of a registration, whether shown alone or to its attendee (inside {@code registration}). */
    public static String registrationId(JsonNode shown) {
        return (shown.has("registration") ? shown.get("registration") : shown).get("id").asString();
    }

    /** An institution that this service's membership projection holds active. */
    public UUID activeMember() {
        UUID member = UUID.randomUUID();
        eligibility.activate(member, "IMPLAN Torreón", "MX", Instant.now());
        return member;
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
