package org.redciudades.events.registration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.redciudades.chassis.security.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
class RegistrationController {

    record RegistrationRequest(@NotBlank @Size(max = 200) String name,
                               @NotBlank @Email @Size(max = 254) String email,
                               @NotNull @Pattern(regexp = "es-MX|en") String locale) {
    }

    record CancellationView(UUID registrationId, List<UUID> promoted) {
    }

    private final Registrations registrations;

    RegistrationController(Registrations registrations) {
        this.registrations = registrations;
    }

    /**
     * A person registers; the institution, for members-only events, is the one in the caller's token.
     * 201 for a new registration, 200 with the existing one for a repeat.
     */
    @PostMapping("/events/{eventId}/registrations")
    ResponseEntity<Registration> register(@PathVariable UUID eventId, @Valid @RequestBody RegistrationRequest request,
                                          Authentication caller) {
        UUID memberId = Caller.of(caller).memberId().orElse(null);
        Registrations.Outcome outcome = registrations.register(eventId,
                new Registrations.NewRegistration(request.email(), request.name(), request.locale(), memberId));
        Registration registration = outcome.registration();
        return ResponseEntity.status(outcome.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .location(URI.create("/api/v1/registrations/" + registration.id()))
                .body(registration);
    }

    /** Organizers cancel a registration; a freed seat goes to the oldest waiting person at once. */
    @PostMapping("/registrations/{id}/cancellation")
    CancellationView cancel(@PathVariable UUID id) {
        return new CancellationView(id, registrations.cancel(id));
    }
}
