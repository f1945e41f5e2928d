package org.redciudades.portal.services;

import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;
import org.springframework.stereotype.Component;

/**
 * Turns a service's problem into what a person reads: the portal's own words for the kinds of problem people meet
 * ({@code problem.<type>.title} and {@code .detail} in the portal's bundle), else the service's own title and detail
 * (already in the reader's language), else a general message by status. Never the raw answer.
 */
@Component
public class ProblemMessages {

    private final MessageSource messages;

    ProblemMessages(MessageSource messages) {
        this.messages = messages;
    }

    /** What a page shows for a problem. */
    public record Shown(String title, String detail) {
    }

    public Shown of(ServiceProblem problem, Locale locale) {
        if (problem.type() != null) {
            String title = message("problem." + problem.type() + ".title", locale);
            if (title != null) {
                return new Shown(title, message("problem." + problem.type() + ".detail", locale, minutesToWait(problem)));
            }
        }
        if (problem.title() != null && problem.status() < 500) {
            return new Shown(problem.title(), problem.detail());
        }
        String general = problem.status() == 401 ? "problem.signed-out" : problem.status() >= 500
                ? "problem.service-error" : "problem.refused";
        return new Shown(messages.getMessage(general + ".title", null, locale),
                messages.getMessage(general + ".detail", null, locale));
    }

    /** A service that did not answer at all. */
    public Shown unavailable(Locale locale) {
        return new Shown(messages.getMessage("problem.unavailable.title", null, locale),
                messages.getMessage("problem.unavailable.detail", null, locale));
    }

    /** Whole minutes until the service takes the request again, for a detail that says so ({0}); at least one. */
    private static Object[] minutesToWait(ServiceProblem problem) {
        return problem.retryAfterSeconds() == null ? null
                : new Object[]{Math.max(1, (problem.retryAfterSeconds() + 59) / 60)};
    }

    private String message(String code, Locale locale, Object... arguments) {
        try {
            return messages.getMessage(code, arguments, locale);
        } catch (NoSuchMessageException e) {
            return null;
        }
    }
}
