package org.redciudades.events.catalogue;

import java.util.Set;
import org.redciudades.chassis.web.ProblemException;
import org.springframework.http.HttpStatus;

/**
 * A step that the event's status or time does not allow: 409, naming the event's status and the step.
 * A refusal by status also names the steps the status allows; one by time does not, since the step
 * would be allowed at another time.
 */
public class EventStepRefusedException extends ProblemException {

    private final EventStatus current;
    private final EventAction action;
    private final Set<EventAction> allowed;

    EventStepRefusedException(String slug, EventRecord event, EventAction action, Set<EventAction> allowed) {
        super(HttpStatus.CONFLICT, slug, event.id(), event.status());
        this.current = event.status();
        this.action = action;
        this.allowed = allowed;
        // On a registration step, "currentStatus" would read as the registration's.
        with(action.onRegistration() ? "eventStatus" : "currentStatus", event.status());
        with("action", action);
        if (allowed != null) {
            with("allowedActions", allowed);
        }
    }

    public EventStatus current() {
        return current;
    }

    public EventAction action() {
        return action;
    }

    /** The steps the status allows; null when the step was refused by time. */
    public Set<EventAction> allowed() {
        return allowed;
    }
}
