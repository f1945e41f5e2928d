package org.redciudades.portal.organizer.events;

import java.util.Locale;
import org.redciudades.portal.services.ProblemMessages;
import org.redciudades.portal.services.ServiceProblem;
import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;
import org.springframework.stereotype.Component;

/**
 * A service's refusal as an organizer's page shows it. The portal's {@code problem.*} texts speak to the person who
 * registered ("your registration can no longer change"); an organizer reads the same refusal about the event they
 * manage: {@code org.events.problem.<type>} where the portal words it for them, else the service's own explanation
 * through {@link ProblemMessages}.
 */
@Component
public class OrganizerProblems {

    private final ProblemMessages problems;
    private final MessageSource messages;

    OrganizerProblems(ProblemMessages problems, MessageSource messages) {
        this.problems = problems;
        this.messages = messages;
    }

    public ProblemMessages.Shown of(ServiceProblem problem, Locale locale) {
        if (problem.type() != null) {
            try {
                return new ProblemMessages.Shown(
                        messages.getMessage("org.events.problem." + problem.type() + ".title", null, locale),
                        messages.getMessage("org.events.problem." + problem.type() + ".detail", null, locale));
            } catch (NoSuchMessageException e) {
                // not worded for organizers: the service's own explanation
            }
        }
        if (problem.title() != null && problem.status() < 500) {
            return new ProblemMessages.Shown(problem.title(), problem.detail());
        }
        return problems.of(problem, locale);
    }
}
