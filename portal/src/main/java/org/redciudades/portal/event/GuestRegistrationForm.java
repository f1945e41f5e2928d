package org.redciudades.portal.event;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Registering without an account, for a PUBLIC event: who, where the email with the link to the registration goes,
 * and the language of that email and the ones after it.
 */
public record GuestRegistrationForm(@NotBlank @Size(max = 200) String name,
                                    @NotBlank @Email @Size(max = 254) String email,
                                    @NotBlank @Pattern(regexp = "es-MX|en") String locale) {
}
