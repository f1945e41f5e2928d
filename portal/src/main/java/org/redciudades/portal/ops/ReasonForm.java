package org.redciudades.portal.ops;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Why ops discard a dead letter or send a failed message again: the services keep it with who did it. */
public record ReasonForm(@NotBlank @Size(max = 500) String reason) {

    static ReasonForm empty() {
        return new ReasonForm("");
    }
}
