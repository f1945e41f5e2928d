package org.redciudades.portal.event;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The "Register" form: who is registering, prefilled from the person's ID token. */
public record RegistrationForm(@NotBlank @Size(max = 200) String name,
                               @NotBlank @Email @Size(max = 254) String email) {
}
