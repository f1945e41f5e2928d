package org.redciudades.portal.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.redciudades.portal.security.SecurityConfiguration;
import org.redciudades.portal.services.ProblemMessages;
import org.redciudades.portal.services.ServiceProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.security.oauth2.client.ClientAuthorizationRequiredException;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.client.ResourceAccessException;

/**
 * What a page shows when a service fails it: a sentence in the reader's language, with the status a browser and a
 * crawler should see, never the service's raw answer or a stack trace.
 */
@ControllerAdvice
class ErrorPages {

    private static final Logger log = LoggerFactory.getLogger(ErrorPages.class);
    static final String VIEW = "problem";

    private final ProblemMessages problems;

    ErrorPages(ProblemMessages problems) {
        this.problems = problems;
    }

    /** A service's answer the page could not use: its 404 is the page's 404; anything else, a refusal or a failure. */
    @ExceptionHandler(ServiceProblem.class)
    String serviceProblem(ServiceProblem problem, Locale locale, Model model, HttpServletResponse response) {
        if (problem.status() >= 500) {
            log.warn("{} failed a page's call: {}", problem.service(), problem.getMessage());
        }
        response.setStatus(problem.status() == 404 ? 404 : problem.status() >= 500 ? 502 : problem.status());
        model.addAttribute("problem", problems.of(problem, locale));
        model.addAttribute("status", response.getStatus());
        return VIEW;
    }

    /** The service did not answer in time, or nothing listens where it should be. */
    @ExceptionHandler(ResourceAccessException.class)
    String serviceUnreachable(ResourceAccessException e, Locale locale, Model model, HttpServletResponse response) {
        log.warn("A service did not answer: {}", withoutQuery(e.getMessage()));
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        model.addAttribute("problem", problems.unavailable(locale));
        model.addAttribute("status", HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        return VIEW;
    }

    /**
     * The message without the called address's query: a guest's manage link carries its token there
     * ({@code /guest-registrations/{id}?token=}), and whoever reads the logs must not be able to use it.
     */
    static String withoutQuery(String message) {
        return message == null ? null : message.replaceAll("\\?[^\\s\"]*", "");
    }

    /** The person's tokens are gone or could not be refreshed: they sign in again, and come back. */
    @ExceptionHandler({ClientAuthorizationRequiredException.class, ClientAuthorizationException.class})
    String signInAgain() {
        return "redirect:/oauth2/authorization/" + SecurityConfiguration.REGISTRATION;
    }
}
