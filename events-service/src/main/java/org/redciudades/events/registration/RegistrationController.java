package org.redciudades.events.registration;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.redciudades.chassis.security.Caller;
import org.redciudades.chassis.web.PageQuery;
import org.redciudades.events.catalogue.Catalogue;
import org.redciudades.events.catalogue.CatalogueEntry;
import org.redciudades.events.eligibility.StaffContacts;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Registrations", description = "Seats at an event: registering, the waiting list, approvals, "
        + "cancellations, check-in and the organizers' roster.")
@RestController
@RequestMapping("/api/v1")
class RegistrationController {

    record RegistrationRequest(@NotBlank @Size(max = 200) String name,
                               @NotBlank @Email @Size(max = 254) String email,
                               @NotNull @Pattern(regexp = "es-MX|en") String locale) {
    }

    /** The attendee's own view: the online link once their seat is confirmed. */
    record AttendeeView(Registration registration, String onlineLink) {
    }

    record PromotionView(UUID registrationId, List<UUID> promoted) {
    }

    record CapacityRequest(@NotNull @Min(0) @Max(100_000) Integer capacity) {
    }

    record RejectionRequest(@Size(max = 1000) String reason) {
    }

    private final Registrations registrations;
    private final Roster roster;
    private final Catalogue catalogue;
    private final StaffContacts staff;
    private final MyRegistrations myRegistrations;

    RegistrationController(Registrations registrations, Roster roster, Catalogue catalogue, StaffContacts staff,
                           MyRegistrations myRegistrations) {
        this.registrations = registrations;
        this.roster = roster;
        this.myRegistrations = myRegistrations;
        this.catalogue = catalogue;
        this.staff = staff;
    }

    @Operation(operationId = "registerForEvent", summary = "Register for an event",
            description = "Anyone signed in: registers a person (the body) and gets them a seat (CONFIRMED), a held "
                    + "seat (PENDING_APPROVAL) or a place on the waiting list (WAITLISTED). The registration belongs to "
                    + "the caller. It counts for the institution the caller acts for: the one whose contact the "
                    + "caller's verified email is, while it is ACTIVE here; never the request. A members-only event "
                    + "needs one (403 `no-member-institution`, or `member-not-active` when the caller's institution is "
                    + "not active). Registration is open from `registrationOpensAt` (or the announcement) until "
                    + "`registrationClosesAt`, or else until the start. 409 `registration-closed`, `event-full`, "
                    + "`member-quota-reached`, or `already-registered` when the email already has a registration here "
                    + "that the caller may not see.",
            responses = {
                    @ApiResponse(responseCode = "201", description = "Registered; `Location` names the registration."),
                    @ApiResponse(responseCode = "200", description = "Already registered with this email and still "
                            + "confirmed, pending, waiting or attended, and the caller may see it: that registration, "
                            + "unchanged. After a cancellation or a rejection, a new registration is made (201).")})
    @PostMapping("/events/{eventId}/registrations")
    ResponseEntity<Registration> register(@PathVariable UUID eventId, @Valid @RequestBody RegistrationRequest request,
                                          Authentication caller) {
        Registrations.Outcome outcome = registrations.register(eventId,
                new Registrations.Registrant(request.email(), request.name(), request.locale()), requester(caller));
        Registration registration = outcome.registration();
        return ResponseEntity.status(outcome.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .location(URI.create("/api/v1/registrations/" + registration.id()))
                .body(registration);
    }

    @Operation(operationId = "listEventRegistrations", summary = "List an event's registrations",
            description = "Organizers: the roster, in arrival order, optionally of one status, with each institution's "
                    + "name. `q` finds people at the door: a name or email containing it, capitals and accents aside, "
                    + "or, given four to 32 hexadecimal digits (a dash allowed), the registrations whose id starts with "
                    + "them, such as the registration code of the confirmation email (`3F2A-9C1B`, the id's first eight). "
                    + "Paged; `sort` by `position` or `name`.")
    @GetMapping("/events/{eventId}/registrations")
    PageQuery.Page<Roster.Entry> roster(@PathVariable UUID eventId,
                                        @RequestParam(required = false) RegistrationStatus status,
                                        @RequestParam(required = false) @Size(max = 200) String q,
                                        @RequestParam(required = false) Integer page,
                                        @RequestParam(required = false) Integer size,
                                        @RequestParam(required = false) String sort) {
        return roster.page(eventId, status, q,
                PageQuery.parse(page, size, sort, Set.of("position", "name"), "position,asc"));
    }

    @Operation(operationId = "exportEventRegistrations", summary = "Export an event's registrations as CSV",
            description = "Organizers: every registration as a CSV file that Excel opens with its accents intact "
                    + "(UTF-8 with BOM, CRLF), times in the event's zone, formulas neutralised.",
            responses = @ApiResponse(responseCode = "200", description = "The roster as CSV.",
                    content = @Content(mediaType = "text/csv", schema = @Schema(type = "string"))))
    @GetMapping("/events/{eventId}/registrations.csv")
    void export(@PathVariable UUID eventId, HttpServletResponse response) throws IOException {
        CatalogueEntry event = catalogue.get(eventId, true);   // a 404 before any CSV header is set
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"registrations-" + eventId + ".csv\"");
        roster.exportCsv(event, new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8));
    }

    @Operation(operationId = "changeEventCapacity", summary = "Change an event's capacity",
            description = "Organizers: a larger capacity promotes waiting people at once (`promoted`); a smaller one "
                    + "cancels no one, it only stops new confirmations. Publishes `event.capacity-changed`.")
    @PutMapping("/events/{eventId}/capacity")
    PromotionView changeCapacity(@PathVariable UUID eventId, @Valid @RequestBody CapacityRequest request) {
        return new PromotionView(null, registrations.changeCapacity(eventId, request.capacity()));
    }

    @Operation(operationId = "listOwnRegistrations", summary = "List the caller's own registrations",
            description = "Anyone signed in: the registrations the caller made, and only those (not the ones the caller "
                    + "may see as an institution's primary contact or as an organizer); someone who made none gets an "
                    + "empty page. Each with its status, the place in the waiting list while WAITLISTED (1: the next "
                    + "to get a seat), whether the caller may still cancel it (`mayCancel`), the online link once the "
                    + "seat is confirmed, and the event: titles, type, modality, times with its time zone, venue city "
                    + "and country, status. `when=UPCOMING` for events that have not ended, `PAST` for those that "
                    + "have; by the event's start, soonest first for UPCOMING and the most recent first otherwise. "
                    + "Paged; `sort` by `startsAt`.")
    @GetMapping("/registrations/mine")
    PageQuery.Page<MyRegistrations.Entry> mine(@RequestParam(required = false) MyRegistrations.When when,
                                               @RequestParam(required = false) Integer page,
                                               @RequestParam(required = false) Integer size,
                                               @RequestParam(required = false) String sort,
                                               Authentication caller) {
        return myRegistrations.page(requester(caller), when, PageQuery.parse(page, size, sort,
                MyRegistrations.SORTABLE_FIELDS, MyRegistrations.defaultSort(when)));
    }

    @Operation(operationId = "getRegistration", summary = "Get a registration",
            description = "The person who registered, the primary contact of the institution it counts for, or "
                    + "organizers: the registration, and the online link once the seat is confirmed. 404 "
                    + "`registration-not-found` for anyone else.")
    @GetMapping("/registrations/{id}")
    AttendeeView get(@PathVariable UUID id, Authentication caller) {
        Registration registration = registrations.get(id, requester(caller));
        String link = RegistrationLifecycle.seesOnlineLink(registration.status())
                ? catalogue.get(registration.eventId(), true).onlineLink() : null;
        return new AttendeeView(registration, link);
    }

    @Operation(operationId = "cancelRegistration", summary = "Cancel a registration",
            description = "Organizers until the event completes or is cancelled; the person who registered, or the "
                    + "primary contact of the institution it counts for, until the event's cancellation deadline (by "
                    + "default, the start); 404 `registration-not-found` for anyone else. A freed seat goes to the "
                    + "oldest waiting registration at once (`promoted`), until the event starts.")
    @PostMapping("/registrations/{id}/cancellation")
    PromotionView cancel(@PathVariable UUID id, Authentication caller) {
        return new PromotionView(id, registrations.cancel(id, requester(caller)));
    }

    @Operation(operationId = "approveRegistration", summary = "Approve a registration",
            description = "Organizers: PENDING_APPROVAL → CONFIRMED, while the event is still to end; 409 "
                    + "`event-cancelled` or `event-ended` otherwise.")
    @PostMapping("/registrations/{id}/approval")
    Registration approve(@PathVariable UUID id) {
        return registrations.approve(id);
    }

    @Operation(operationId = "rejectRegistration", summary = "Reject a registration",
            description = "Organizers: PENDING_APPROVAL or WAITLISTED → REJECTED, with an optional reason; a held seat "
                    + "goes to the next waiting person (`promoted`).")
    @PostMapping("/registrations/{id}/rejection")
    PromotionView reject(@PathVariable UUID id, @Valid @RequestBody RejectionRequest request) {
        return new PromotionView(id, registrations.reject(id, request.reason()));
    }

    @Operation(operationId = "recordAttendance", summary = "Check a person in",
            description = "Organizers: CONFIRMED → ATTENDED, unless the event was cancelled; recording it twice "
                    + "changes nothing.")
    @PostMapping("/registrations/{id}/attendance")
    Registration recordAttendance(@PathVariable UUID id) {
        return registrations.recordAttendance(id);
    }

    /** The caller, with the institution their verified email is a contact of, as this service's projection says. */
    private Requester requester(Authentication authentication) {
        Caller caller = Caller.of(authentication);
        return Requester.of(caller, caller.verifiedEmail().flatMap(staff::of));
    }
}
