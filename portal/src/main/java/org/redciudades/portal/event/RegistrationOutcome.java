package org.redciudades.portal.event;

import java.io.Serializable;

/**
 * What became of a registration, shown on the event page after the form: CONFIRMED, WAITLISTED (with the place in the
 * queue), PENDING_APPROVAL, or one of the others when the person had registered before ({@code again}).
 */
public record RegistrationOutcome(String status, Long position, boolean again) implements Serializable {
}
