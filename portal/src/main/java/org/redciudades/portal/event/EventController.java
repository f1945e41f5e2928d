package org.redciudades.portal.event;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.time.ZoneId;
import java.util.Locale;
import java.util.UUID;
import org.redciudades.portal.catalogue.EventTimes;
import org.redciudades.portal.catalogue.EventView;
import org.redciudades.portal.catalogue.EventsCatalogue;
import org.redciudades.portal.security.SignedInPerson;
import org.redciudades.portal.services.ProblemMessages;
import org.redciudades.portal.services.ServiceApis;
import org.redciudades.portal.services.ServiceProblem;
import org.redciudades.portal.web.PortalLocales;
import org.springframework.beans.BeanWrapperImpl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * An event's page: what, when (in the event's zone, and the reader's when it differs), where, seats; and, for a
 * signed-in person, the "Register" form, whose outcome comes back on the same page; for anyone else, at a PUBLIC event,
 * the form to register without an account.
 */
@Controller
class EventController {

    static final String VIEW = "event/event";

    private final EventsCatalogue catalogue;
    private final EventTimes times;
    private final ServiceApis services;
    private final ProblemMessages problems;

    EventController(EventsCatalogue catalogue, EventTimes times, ServiceApis services, ProblemMessages problems) {
        this.catalogue = catalogue;
        this.times = times;
        this.services = services;
        this.problems = problems;
    }

    @GetMapping("/events/{id}")
    String event(@PathVariable UUID id, Locale locale, Authentication authentication, Model model) {
        SignedInPerson person = SignedInPerson.from(authentication).orElse(null);
        if (person != null && !model.containsAttribute("registration")) {
            model.addAttribute("registration", new RegistrationForm(person.name(), person.email()));
        }
        if (person == null && !model.containsAttribute("guest")) {
            model.addAttribute("guest", new GuestRegistrationForm("", "", language(locale)));
        }
        return page(id, locale, person, model);
    }

    /**
     * Registering without an account (PUBLIC events): events-service answers 202 whatever the email's past, and the
     * outcome and the link to the registration go to the email, so the page says only that. The visitor's address goes
     * along for the service's limit per address.
     */
    @PostMapping("/events/{id}/guest-registration")
    String registerGuest(@PathVariable UUID id, @Valid @ModelAttribute("guest") GuestRegistrationForm form,
                         BindingResult binding, Locale locale, Model model, RedirectAttributes redirect,
                         HttpServletRequest request, HttpServletResponse response) {
        if (binding.hasErrors()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return page(id, locale, null, model);
        }
        try {
            services.events().post()
                    .uri("/api/v1/events/{id}/guest-registrations", id)
                    .header("X-Forwarded-For", request.getRemoteAddr())
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(new Registration.Request(form.name().strip(), form.email().strip(), form.locale()))
                    .retrieve()
                    .toBodilessEntity();
            redirect.addFlashAttribute("guestSent", form.email().strip());
            return "redirect:/events/" + id + "#outcome";
        } catch (ServiceProblem problem) {
            return refused(problem, binding, id, locale, null, model, response);
        }
    }

    @PostMapping("/events/{id}/registration")
    String register(@PathVariable UUID id, @Valid @ModelAttribute("registration") RegistrationForm form,
                    BindingResult binding, Locale locale, Authentication authentication, Model model,
                    RedirectAttributes redirect, HttpServletResponse response) {
        SignedInPerson person = SignedInPerson.from(authentication).orElseThrow();
        if (binding.hasErrors()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return page(id, locale, person, model);
        }
        try {
            ResponseEntity<Registration> answer = services.events().post()
                    .uri("/api/v1/events/{id}/registrations", id)
                    .attributes(ServiceApis.asSignedInPerson())
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(new Registration.Request(form.name().strip(), form.email().strip(), language(locale)))
                    .retrieve()
                    .toEntity(Registration.class);
            Registration registration = answer.getBody();
            redirect.addFlashAttribute("outcome", new RegistrationOutcome(registration.status(),
                    registration.position(), answer.getStatusCode().value() == 200));
            return "redirect:/events/" + id + "#outcome";
        } catch (ServiceProblem problem) {
            return refused(problem, binding, id, locale, person, model, response);
        }
    }

    /** The service's refusal: its field errors next to the fields, anything else in words above the form. */
    private String refused(ServiceProblem problem, BindingResult binding, UUID id, Locale locale, SignedInPerson person,
                           Model model, HttpServletResponse response) {
        if (problem.status() == 400 && !problem.errors().isEmpty()) {
            problem.errors().forEach(error -> reject(binding, error));
        }
        if (!binding.hasErrors()) {
            model.addAttribute("problem", problems.of(problem, locale));
        }
        response.setStatus(problem.status() >= 500 ? HttpServletResponse.SC_BAD_GATEWAY : problem.status());
        if (problem.retryAfterSeconds() != null) {
            response.setHeader(HttpHeaders.RETRY_AFTER, problem.retryAfterSeconds().toString());
        }
        return page(id, locale, person, model);
    }

    /** A field the service refused, next to the field when the form has it, else about the form. */
    private static void reject(BindingResult binding, ServiceProblem.FieldError error) {
        if (binding.getTarget() != null && !error.field().isBlank()
                && new BeanWrapperImpl(binding.getTarget()).isReadableProperty(error.field())) {
            binding.rejectValue(error.field(), "service", error.reason());
        } else {
            binding.reject("service", error.reason());
        }
    }

    /** The languages events-service sends messages in: es-MX or en. */
    private static String language(Locale locale) {
        return PortalLocales.supported(locale).orElse(PortalLocales.SPANISH).toLanguageTag();
    }

    private String page(UUID id, Locale locale, SignedInPerson person, Model model) {
        ZoneId readerZone = person == null ? null : person.zone().orElse(null);
        model.addAttribute("event", EventView.of(catalogue.get(id), locale, readerZone, times, true));
        model.addAttribute("pagePath", "/events/" + id);
        return VIEW;
    }
}
