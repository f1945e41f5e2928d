package org.redciudades.events.registration;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.util.UUID;
import org.redciudades.chassis.openapi.PublicOperation;
import org.redciudades.chassis.web.ProblemException;
import org.redciudades.chassis.web.Problems;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Registration without an account, for PUBLIC events, as pretix does it: the person gives a name, an email
 * and a language, and the message that tells them where they stand carries a link to their registration,
 * which is their way back to it. The portal calls these endpoints for its visitors.
 */
@Tag(name = "Guest registrations", description = "Registering for a PUBLIC event without an account, and the "
        + "manage link, sent by email, with which the guest sees and cancels that registration.")
@RestController
@RequestMapping("/api/v1")
class GuestRegistrationController {

    static final String CHECK_YOUR_EMAIL = "check-your-email";

    /**
     * What every accepted request is told, whether it made a registration or repeated one: the email as
     * given, and what to do next ({@value #CHECK_YOUR_EMAIL}).
     */
    @Schema(name = "GuestRegistrationAccepted")
    record Accepted(String email, @Schema(allowableValues = CHECK_YOUR_EMAIL) String next) {
    }

    private static final String TOKEN = "The token of the registration's manage link, from the guest's email.";

    private final Registrations registrations;
    private final MyRegistrations views;
    private final GuestLinks links;
    private final GuestLimits limits;
    private final Problems problems;

    GuestRegistrationController(Registrations registrations, MyRegistrations views, GuestLinks links, GuestLimits limits,
                                Problems problems) {
        this.registrations = registrations;
        this.views = views;
        this.links = links;
        this.limits = limits;
        this.problems = problems;
    }

    @Operation(operationId = "registerGuest", summary = "Register for a public event without an account",
            description = "Anyone, no token needed (the portal calls it for its visitors): registers a person (the "
                    + "body, as for a signed-in registration) for a PUBLIC event, with the same registration window, "
                    + "capacity, waiting list and approval as anyone's, for no institution. The answer is 202 and the "
                    + "same body whether or not the email already had a registration at the event, so it tells "
                    + "nothing about it: the outcome (confirmed, waiting, pending approval) and the link to see and "
                    + "cancel the registration go to the email. A repeat while the email's registration is active "
                    + "changes nothing and sends nothing. Refusals depend on the event alone: 403 "
                    + "`members-only-event`, 409 `registration-closed` or `event-full`. At most "
                    + "`events.guest-registrations.per-email` (default 5) per email and `per-address` (default 20) "
                    + "per client address in each `window` (default 1 hour), across events; beyond, 429 "
                    + "`too-many-guest-registrations` with `Retry-After`, and nothing is stored. The client address is "
                    + "the caller's, or, when the caller is a trusted proxy (`trusted-proxies`), the last address in "
                    + "`X-Forwarded-For` that is not one.")
    @PublicOperation
    @PostMapping("/events/{eventId}/guest-registrations")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Accepted register(@PathVariable UUID eventId, @Valid @RequestBody RegistrationController.RegistrationRequest request,
                      HttpServletRequest http) {
        limits.admit(request.email(), limits.clientAddress(http.getRemoteAddr(), http.getHeader("X-Forwarded-For")));
        registrations.registerGuest(eventId,
                new Registrations.Registrant(request.email(), request.name(), request.locale()));
        return new Accepted(request.email(), CHECK_YOUR_EMAIL);
    }

    @Operation(operationId = "getGuestRegistration", summary = "See a registration through its manage link",
            description = "Whoever holds the registration's manage link (`token`, from the email the guest got), no "
                    + "account needed: the registration as its attendee sees it, as in `GET /registrations/mine`: "
                    + "status, place in the waiting list (1 = next), `mayCancel`, the online link once the seat is "
                    + "confirmed, and the event; with the name, email and language it was made with. A missing or "
                    + "wrong token, or a registration not made as a guest: 404 `registration-not-found`, as if it did "
                    + "not exist.")
    @PublicOperation
    @GetMapping("/guest-registrations/{id}")
    MyRegistrations.Own get(@PathVariable UUID id, @Parameter(description = TOKEN) @RequestParam(required = false) String token) {
        return views.one(id, holderOfLink(id, token));
    }

    @Operation(operationId = "cancelGuestRegistration", summary = "Cancel a registration through its manage link",
            description = "Whoever holds the registration's manage link, no account needed: cancels it as its "
                    + "attendee, until the event's cancellation deadline (by default, the start; 409 "
                    + "`cancellation-deadline-passed`); a freed seat goes to the oldest waiting registration at once. "
                    + "Cancelling twice changes nothing. Answers the registration as `GET` shows it. A missing or "
                    + "wrong token: 404 `registration-not-found`.")
    @PublicOperation
    @PostMapping("/guest-registrations/{id}/cancellation")
    MyRegistrations.Own cancel(@PathVariable UUID id,
                               @Parameter(description = TOKEN) @RequestParam(required = false) String token) {
        Requester holder = holderOfLink(id, token);
        registrations.cancel(id, holder);
        return views.one(id, holder);
    }

    /** 429 with the seconds left in the window; the chassis's problems carry no headers of their own. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> limited(GuestLimits.LimitReached e, HttpServletRequest request) {
        ProblemDetail problem = problems.build(e.status(), e.slug(), LocaleContextHolder.getLocale());
        problem.setInstance(Problems.instance(request.getRequestURI()));
        return ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds())).body(problem);
    }

    /** The holder of the registration's manage link; without the right token, the registration is not found. */
    private Requester holderOfLink(UUID id, String token) {
        if (!links.verify(id, token)) {
            throw new ProblemException(HttpStatus.NOT_FOUND, "registration-not-found", id);
        }
        return Requester.holderOfLinkTo(id);
    }
}
