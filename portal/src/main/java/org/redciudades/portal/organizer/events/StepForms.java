package org.redciudades.portal.organizer.events;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDateTime;
import org.springframework.format.annotation.DateTimeFormat;

/** The forms of the steps that need more than a yes: new times, a new capacity, a reason. */
final class StepForms {

    private StepForms() {
    }

    /** New start and end, as the clock reads them in the zone chosen (the event's, or another). */
    record Schedule(@NotNull(message = "{org.events.error.starts-at}") @DateTimeFormat(pattern = EventForm.LOCAL) LocalDateTime startsAt,
                    @NotNull(message = "{org.events.error.ends-at}") @DateTimeFormat(pattern = EventForm.LOCAL) LocalDateTime endsAt,
                    @NotBlank(message = "{org.events.error.time-zone}") String timeZone) {
    }

    record Capacity(@NotNull(message = "{org.events.error.capacity}") @Min(value = 0, message = "{org.events.error.capacity}")
                    @Max(value = 100_000, message = "{org.events.error.capacity}") Integer capacity) {
    }

    /** Why: people read it in their email, so it is required. */
    record Reason(@NotBlank(message = "{org.events.error.reason}") @Size(max = 1000, message = "{org.events.error.reason-length}") String reason) {
    }

    /** A rejection's reason is optional; when given, the person reads it. */
    record OptionalReason(@Size(max = 1000, message = "{org.events.error.reason-length}") String reason) {
    }
}
