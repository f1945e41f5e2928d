package org.redciudades.events.registration;

import java.util.Set;
import java.util.UUID;
import org.redciudades.chassis.web.ProblemException;
import org.springframework.http.HttpStatus;

/** A step that the registration's status does not allow: 409, naming the status and the steps it allows. */
public class RegistrationStepRefusedException extends ProblemException {

    private final RegistrationStatus current;
    private final Set<RegistrationAction> allowed;

    RegistrationStepRefusedException(UUID registrationId, RegistrationStatus current, RegistrationAction action,
                                     Set<RegistrationAction> allowed) {
        super(HttpStatus.CONFLICT, "registration-status-conflict", registrationId, current);
        this.current = current;
        this.allowed = allowed;
        with("currentStatus", current);
        with("action", action);
        with("allowedActions", allowed);
    }

    public RegistrationStatus current() {
        return current;
    }

    public Set<RegistrationAction> allowed() {
        return allowed;
    }
}
