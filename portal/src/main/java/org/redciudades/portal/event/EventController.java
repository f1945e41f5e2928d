package org.redciudades.portal.event;

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
 * signed-in person, the "Register" form, whose outcome comes back on the same page.
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
        return page(id, locale, person, model);
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
            if (problem.status() == 400 && !problem.errors().isEmpty()) {
                problem.errors().forEach(error -> reject(binding, error));
            }
            if (!binding.hasErrors()) {
                model.addAttribute("problem", problems.of(problem, locale));
            }
            response.setStatus(problem.status() >= 500 ? HttpServletResponse.SC_BAD_GATEWAY : problem.status());
            return page(id, locale, person, model);
        }
    }

    /** A field the service refused, next to the field when the form has it, else about the form. */
    private static void reject(BindingResult binding, ServiceProblem.FieldError error) {
        if ("name".equals(error.field()) || "email".equals(error.field())) {
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
