package org.redciudades.events.catalogue;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.redciudades.chassis.openapi.PublicOperation;
import org.redciudades.chassis.security.Roles;
import org.redciudades.chassis.web.PageQuery;
import org.redciudades.chassis.web.validation.IanaTimeZone;
import org.redciudades.chassis.web.validation.IsoCountry;
import org.redciudades.events.catalogue.EventLifecycle.WindowProblem;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Catalogue", description = "Events and their life: DRAFT → ANNOUNCED → REGISTRATION_CLOSED → COMPLETED, "
        + "or CANCELLED. The announced ones are public.")
@RestController
@RequestMapping("/api/v1/events")
class CatalogueController {

    private final Catalogue catalogue;

    CatalogueController(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    @Operation(operationId = "listEvents", summary = "List events",
            description = "Public: the announced events (and those closed for registration), soonest first, with "
                    + "`seatsLeft` and `waitlistLength`, filtered by type, venue country, modality and a date range; "
                    + "never the online link. Organizers may also filter by any `status`, drafts included, and see "
                    + "the link. Paged; `sort` by `startsAt` or `title`.")
    @PublicOperation
    @GetMapping
    PageQuery.Page<CatalogueEntry> list(
            @RequestParam(required = false) EventKind type,
            @RequestParam(required = false) @IsoCountry String country,
            @RequestParam(required = false) @Pattern(regexp = "VIRTUAL|IN_PERSON|HYBRID") String modality,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime to,
            @RequestParam(required = false) Set<EventStatus> status,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size,
            @RequestParam(required = false) String sort,
            Authentication caller) {
        return catalogue.list(new Catalogue.Filter(type, country, modality, instant(from), instant(to), status),
                PageQuery.parse(page, size, sort, Set.of("startsAt", "title"), "startsAt,asc"), isOrganizer(caller));
    }

    @Operation(operationId = "getEvent", summary = "Get an event",
            description = "Public once announced; organizers also see drafts and the online link.")
    @PublicOperation
    @GetMapping("/{id}")
    CatalogueEntry get(@PathVariable UUID id, Authentication caller) {
        return catalogue.get(id, isOrganizer(caller));
    }

    @Operation(operationId = "draftEvent", summary = "Draft an event",
            description = "Organizers: a new event in DRAFT: type, titles and descriptions (es-MX, en), modality with "
                    + "venue and/or online link, times with an IANA zone, capacity, waiting list, registration "
                    + "window (closing no later than the end; with no closing time, registration closes at the start), "
                    + "cancellation deadline, audience, per-institution quota and approval. A draft publishes nothing.",
            responses = @ApiResponse(responseCode = "201", description = "Drafted; `Location` names the event."))
    @PostMapping
    ResponseEntity<CatalogueEntry> draft(@Valid @RequestBody EventRequest request) {
        CatalogueEntry event = catalogue.draft(request.toNewEvent());
        return ResponseEntity.created(URI.create("/api/v1/events/" + event.id())).body(event);
    }

    @Operation(operationId = "describeEvent", summary = "Replace an event's description",
            description = "Organizers: titles, descriptions, modality, venue, online link and windows; publishes "
                    + "`event.updated` once announced. The registration window must fit the event's times (400 naming "
                    + "`registrationOpensAt` or `registrationClosesAt`); a later closing time does not reopen a closed "
                    + "registration.")
    @PutMapping("/{id}/description")
    CatalogueEntry describe(@PathVariable UUID id, @Valid @RequestBody DescriptionRequest request) {
        return catalogue.update(id, request.toDescription());
    }

    @Operation(operationId = "announceEvent", summary = "Announce an event",
            description = "Organizers: DRAFT → ANNOUNCED, before the event starts (409 `event-already-started`); the "
                    + "event enters the public catalogue and `event.announced` is published.")
    @PostMapping("/{id}/announcement")
    CatalogueEntry announce(@PathVariable UUID id) {
        return catalogue.announce(id);
    }

    @Operation(operationId = "rescheduleEvent", summary = "Reschedule an event",
            description = "Organizers: new start, end and time zone; publishes `event.rescheduled` with the previous "
                    + "and the new schedule and raises `scheduleRevision`. The event's registration window must still "
                    + "fit (400 naming `startsAt` or `endsAt`).")
    @PostMapping("/{id}/rescheduling")
    CatalogueEntry reschedule(@PathVariable UUID id, @Valid @RequestBody ScheduleRequest request) {
        return catalogue.reschedule(id, request.startsAt().toInstant(), request.endsAt().toInstant(), request.timeZone());
    }

    @Operation(operationId = "closeEventRegistration", summary = "Close an event's registration",
            description = "Organizers: ANNOUNCED → REGISTRATION_CLOSED before the window would close by itself; "
                    + "nobody new may register. Publishes `event.registration-closed`.")
    @PostMapping("/{id}/registration-closure")
    CatalogueEntry closeRegistration(@PathVariable UUID id) {
        return catalogue.closeRegistration(id);
    }

    @Operation(operationId = "completeEvent", summary = "Complete an event",
            description = "Organizers: → COMPLETED, once the event has started (it completes by itself at its "
                    + "end). Publishes `event.completed`.")
    @PostMapping("/{id}/completion")
    CatalogueEntry complete(@PathVariable UUID id) {
        return catalogue.complete(id);
    }

    @Operation(operationId = "cancelEvent", summary = "Cancel an event",
            description = "Organizers: → CANCELLED with a reason; publishes `event.cancelled`. Registrations keep "
                    + "their status for the record.")
    @PostMapping("/{id}/cancellation")
    CatalogueEntry cancel(@PathVariable UUID id, @Valid @RequestBody CancellationRequest request) {
        return catalogue.cancel(id, request.reason().strip());
    }

    private static boolean isOrganizer(Authentication caller) {
        return caller != null && caller.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority).anyMatch(("ROLE_" + Roles.ORGANIZER)::equals);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    record VenueRequest(@NotBlank @Size(max = 120) String city, @NotNull @IsoCountry String country,
                        @NotBlank @Size(max = 300) String address) {
    }

    /** The describable part of an event, shared by drafting and by later changes, with its rules. */
    interface Describing {
        String titleEs();

        String titleEn();

        String descriptionEs();

        String descriptionEn();

        String modality();

        VenueRequest venue();

        String onlineLink();

        OffsetDateTime registrationOpensAt();

        OffsetDateTime registrationClosesAt();

        OffsetDateTime cancellationDeadline();

        /** The start, when known: without a closing time, registration closes then. */
        default OffsetDateTime startsAt() {
            return null;
        }

        /** The end, when known, that registration must close by. */
        default OffsetDateTime endsAt() {
            return null;
        }

        @AssertTrue(message = "{events.validation.venue-required}")
        default boolean isVenue() {
            return modality() == null || modality().equals("VIRTUAL") || venue() != null;
        }

        @AssertTrue(message = "{events.validation.online-link-required}")
        default boolean isOnlineLink() {
            return modality() == null || modality().equals("IN_PERSON") || onlineLink() != null;
        }

        @AssertTrue(message = "{events.validation.registration-window}")
        default boolean isRegistrationClosesAt() {
            return windowProblem().filter(problem -> problem != WindowProblem.OPENS_AFTER_START).isEmpty();
        }

        @AssertTrue(message = "{events.validation.registration-opens}")
        default boolean isRegistrationOpensAt() {
            return windowProblem().filter(problem -> problem == WindowProblem.OPENS_AFTER_START).isEmpty();
        }

        private Optional<WindowProblem> windowProblem() {
            return EventLifecycle.windowProblem(instant(registrationOpensAt()), instant(registrationClosesAt()),
                    instant(startsAt()), instant(endsAt()));
        }

        default Catalogue.Description toDescription() {
            VenueRequest v = venue();
            return new Catalogue.Description(titleEs().strip(), titleEn(), descriptionEs(), descriptionEn(), modality(),
                    v == null ? null : new CatalogueEntry.Venue(v.city(), v.country(), v.address()), onlineLink(),
                    instant(registrationOpensAt()), instant(registrationClosesAt()), instant(cancellationDeadline()));
        }
    }

    record DescriptionRequest(
            @NotBlank @Size(max = 300) String titleEs,
            @Size(min = 1, max = 300) String titleEn,
            @Size(max = 5000) String descriptionEs,
            @Size(max = 5000) String descriptionEn,
            @NotNull @Pattern(regexp = "VIRTUAL|IN_PERSON|HYBRID") String modality,
            @Valid VenueRequest venue,
            @Size(max = 500) @Pattern(regexp = "https://\\S+") String onlineLink,
            OffsetDateTime registrationOpensAt,
            OffsetDateTime registrationClosesAt,
            OffsetDateTime cancellationDeadline) implements Describing {
    }

    record EventRequest(
            @NotNull EventKind type,
            @NotBlank @Size(max = 300) String titleEs,
            @Size(min = 1, max = 300) String titleEn,
            @Size(max = 5000) String descriptionEs,
            @Size(max = 5000) String descriptionEn,
            @NotNull @Pattern(regexp = "VIRTUAL|IN_PERSON|HYBRID") String modality,
            @Valid VenueRequest venue,
            @Size(max = 500) @Pattern(regexp = "https://\\S+") String onlineLink,
            @NotNull OffsetDateTime startsAt,
            @NotNull OffsetDateTime endsAt,
            @NotBlank @IanaTimeZone String timeZone,
            @Min(0) @Max(100_000) int capacity,
            boolean waitlistEnabled,
            OffsetDateTime registrationOpensAt,
            OffsetDateTime registrationClosesAt,
            OffsetDateTime cancellationDeadline,
            @NotNull @Pattern(regexp = "PUBLIC|MEMBERS_ONLY") String audience,
            @Positive Integer memberQuota,
            boolean requiresApproval) implements Describing, Scheduling {

        Catalogue.NewEvent toNewEvent() {
            return new Catalogue.NewEvent(type, toDescription(), startsAt.toInstant(), endsAt.toInstant(), timeZone,
                    capacity, waitlistEnabled, audience, memberQuota, requiresApproval);
        }
    }

    /** Times of an event, with their rule. */
    interface Scheduling {
        OffsetDateTime startsAt();

        OffsetDateTime endsAt();

        @AssertTrue(message = "{events.validation.ends-after-start}")
        default boolean isEndsAt() {
            return startsAt() == null || endsAt() == null || endsAt().isAfter(startsAt());
        }
    }

    record ScheduleRequest(@NotNull OffsetDateTime startsAt, @NotNull OffsetDateTime endsAt,
                           @NotBlank @IanaTimeZone String timeZone) implements Scheduling {
    }

    record CancellationRequest(@NotBlank @Size(max = 1000) String reason) {
    }
}
