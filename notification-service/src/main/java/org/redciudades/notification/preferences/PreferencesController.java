package org.redciudades.notification.preferences;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.redciudades.chassis.openapi.PublicOperation;
import org.redciudades.chassis.security.Caller;
import org.redciudades.chassis.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Preferences", description = "What a person receives: announcements and reminders may be turned off; "
        + "transactional messages are always sent.")
@RestController
@RequestMapping("/api/v1")
class PreferencesController {

    record PreferencesRequest(@NotNull Boolean announcements, @NotNull Boolean reminders) {
    }

    record Unsubscribed(String email, Preferences.Category category, boolean subscribed) {
    }

    private final Preferences preferences;
    private final UnsubscribeLinks links;

    PreferencesController(Preferences preferences, UnsubscribeLinks links) {
        this.preferences = preferences;
        this.links = links;
    }

    @Operation(operationId = "getPreferences", summary = "Get the caller's preferences",
            description = "Anyone signed in with a verified email (else 403 `no-email-claim`): whether they "
                    + "receive announcements and reminders.")
    @GetMapping("/preferences")
    Preferences.Choice mine(Authentication caller) {
        return preferences.of(emailOf(caller));
    }

    @Operation(operationId = "setPreferences", summary = "Set the caller's preferences",
            description = "Anyone signed in with a verified email: whether they receive announcements and reminders.")
    @PutMapping("/preferences")
    Preferences.Choice choose(@Valid @RequestBody PreferencesRequest request, Authentication caller) {
        return preferences.set(emailOf(caller), new Preferences.Choice(request.announcements(), request.reminders()));
    }

    @Operation(operationId = "unsubscribe", summary = "Unsubscribe with a signed link",
            description = "One-click unsubscribe (RFC 8058): mail clients POST `List-Unsubscribe=One-Click` to the "
                    + "signed link from an email. 400 `unsubscribe-link-invalid` for an incomplete link, 403 for a "
                    + "forged signature.")
    @PublicOperation
    @PostMapping("/unsubscribe")
    Unsubscribed unsubscribe(@RequestParam(required = false) String email, @RequestParam(required = false) String category,
                             @RequestParam(required = false) String signature) {
        UnsubscribeLinks.Request request = verified(email, category, signature);
        preferences.optOut(request.email(), request.category());
        return new Unsubscribed(request.email(), request.category(), false);
    }

    @Operation(operationId = "getSubscription", summary = "Check a signed unsubscribe link",
            description = "The current choice for the link's address and category. Changes nothing, so that link "
                    + "scanners cannot unsubscribe anyone.")
    @PublicOperation
    @GetMapping("/unsubscribe")
    Unsubscribed status(@RequestParam(required = false) String email, @RequestParam(required = false) String category,
                        @RequestParam(required = false) String signature) {
        UnsubscribeLinks.Request request = verified(email, category, signature);
        return new Unsubscribed(request.email(), request.category(),
                preferences.allows(request.email(), request.category()));
    }

    /** 400 for an incomplete link, 403 for one whose signature does not match. */
    private UnsubscribeLinks.Request verified(String email, String category, String signature) {
        if (email == null || category == null || signature == null) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "unsubscribe-link-invalid");
        }
        return links.verify(email, category, signature)
                .orElseThrow(() -> new ProblemException(HttpStatus.FORBIDDEN, "unsubscribe-link-invalid"));
    }

    private static String emailOf(Authentication caller) {
        return Caller.of(caller).verifiedEmail()
                .orElseThrow(() -> new ProblemException(HttpStatus.FORBIDDEN, "no-email-claim"));
    }
}
