package org.redciudades.portal.registrations;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.UUID;
import org.redciudades.portal.services.ServiceApis;
import org.springframework.stereotype.Component;

/**
 * events-service's answers about a registration made without an account, for whoever holds its manage link (the token
 * from the guest's email): the registration, and cancelling it. A wrong token is a 404, as if it did not exist.
 */
@Component
class GuestRegistrations {

    /** The registration as its attendee sees it, with the name, email and language it was made with. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Held(UUID id, String name, String email, String locale, String status, Integer waitlistPosition,
                boolean mayCancel, String onlineLink, OwnRegistrations.Event event) {

        OwnRegistrations.Entry entry() {
            return new OwnRegistrations.Entry(id, status, waitlistPosition, mayCancel, onlineLink, event);
        }
    }

    private final ServiceApis services;

    GuestRegistrations(ServiceApis services) {
        this.services = services;
    }

    Held get(UUID id, String token) {
        return services.events().get()
                .uri(uri -> uri.path("/api/v1/guest-registrations/{id}").queryParam("token", token).build(id))
                .retrieve().body(Held.class);
    }

    /** Cancels it as its attendee: refused (409) once the event's cancellation deadline has passed. */
    Held cancel(UUID id, String token) {
        return services.events().post()
                .uri(uri -> uri.path("/api/v1/guest-registrations/{id}/cancellation").queryParam("token", token).build(id))
                .retrieve().body(Held.class);
    }
}
