package org.redciudades.portal.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.UUID;

/** A registration as events-service answers it: its status and, on the waiting list, its place. */
@JsonIgnoreProperties(ignoreUnknown = true)
record Registration(UUID id, UUID eventId, String status, Long position) {

    /** What the person sent: their name and email, and the language their messages should come in. */
    record Request(String name, String email, String locale) {
    }
}
