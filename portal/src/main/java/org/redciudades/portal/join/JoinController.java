package org.redciudades.portal.join;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.redciudades.portal.PortalProperties;
import org.redciudades.portal.security.SignedInPerson;
import org.redciudades.portal.services.ProblemMessages;
import org.redciudades.portal.services.ServiceApis;
import org.redciudades.portal.services.ServiceProblem;
import org.redciudades.portal.web.PortalLocales;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.propertyeditors.StringTrimmerEditor;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Join the network": an institution's application to membership-service, open to anyone (signing in only fills in
 * the primary contact), then a page saying what happens next.
 */
@Controller
class JoinController {

    private static final Logger log = LoggerFactory.getLogger(JoinController.class);
    static final String VIEW = "join/join";
    static final String SUBMITTED_VIEW = "join/submitted";
    static final String PATH = "/join";
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** Not "application": Thymeleaf's name for the servlet context's attributes. */
    static final String FORM = "membershipApplication";

    private final ServiceApis services;
    private final ProblemMessages problems;
    private final JoinChoices choices;
    private final SpringValidatorAdapter validator;
    private final PortalProperties properties;
    private final Clock clock;

    JoinController(ServiceApis services, ProblemMessages problems, JoinChoices choices, Validator validator,
                   PortalProperties properties, ObjectProvider<Clock> clock) {
        this.services = services;
        this.problems = problems;
        this.choices = choices;
        this.validator = new SpringValidatorAdapter(validator);
        this.properties = properties;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** A field left empty is no answer (null), and what is typed is kept without the spaces around it. */
    @InitBinder(FORM)
    void trimmed(WebDataBinder binder) {
        binder.registerCustomEditor(String.class, new StringTrimmerEditor(true));
    }

    @GetMapping(PATH)
    String form(Locale locale, Authentication authentication, Model model) {
        SignedInPerson person = SignedInPerson.from(authentication).orElse(null);
        String zone = person == null ? null : person.zone().map(ZoneId::getId).filter(JoinChoices::offered).orElse(null);
        if (zone == null) {
            zone = JoinChoices.offered(properties.defaultZone().getId()) ? properties.defaultZone().getId()
                    : JoinChoices.TIME_ZONES.getFirst().id();
        }
        model.addAttribute(FORM, ApplicationForm.blank(language(locale), zone,
                person == null ? null : person.name(), person == null ? null : person.email()));
        return page(locale, model, newSubmission());
    }

    @PostMapping(PATH)
    String apply(@Valid @ModelAttribute(FORM) ApplicationForm form, BindingResult binding, Locale locale,
                 Model model, RedirectAttributes redirect, HttpServletResponse response) {
        validateContacts(form, binding);
        String submission = validSubmission(form.submission()) ? form.submission() : newSubmission();
        if (binding.hasErrors()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return page(locale, model, submission);
        }
        Application application = Application.of(form);
        try {
            Application.Submitted submitted = services.membership().post()
                    .uri("/api/v1/applications")
                    .header(IDEMPOTENCY_KEY, submission)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(application.request())
                    .retrieve()
                    .body(Application.Submitted.class);
            redirect.addFlashAttribute("confirmation", new Application.Confirmation(submitted.id(),
                    submitted.institution() == null ? null : submitted.institution().name()));
            return "redirect:" + PATH + "/submitted";
        } catch (ServiceProblem problem) {
            if (problem.status() == 400) {
                problem.errors().forEach(error -> reject(binding, application, error));
            }
            if (!binding.hasErrors()) {
                model.addAttribute("problem", problems.of(problem, locale));
            }
            if (problem.status() >= 500) {
                log.warn("{} failed an application: {}", problem.service(), problem.getMessage());
            }
            response.setStatus(problem.status() >= 500 ? HttpServletResponse.SC_BAD_GATEWAY : problem.status());
            // The service keeps its answer to a key: after a refusal, the corrected form is another request. After a
            // failure, or while the first press is still being answered, the same key lets pressing again send it once.
            boolean refused = problem.status() < 500 && !problem.is("idempotency-key-in-progress");
            return page(locale, model, refused ? newSubmission() : submission);
        } catch (ResourceAccessException e) {
            log.warn("membership-service did not answer an application: {}", e.getMessage());
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            model.addAttribute("problem", problems.unavailable(locale));
            return page(locale, model, submission);
        }
    }

    @GetMapping(PATH + "/submitted")
    String submitted(Model model) {
        model.addAttribute("pagePath", PATH + "/submitted");
        return SUBMITTED_VIEW;
    }

    /**
     * The primary contact always, and each other row with anything written in it, by the same rules as the service;
     * and no address twice, which would only send the same messages twice.
     */
    private void validateContacts(ApplicationForm form, BindingResult binding) {
        Set<String> emails = new HashSet<>();
        for (int row = 0; row < form.contacts().size(); row++) {
            ApplicationForm.Contact contact = form.contacts().get(row);
            if (row > 0 && contact.blank()) {
                continue;
            }
            String path = "contacts[" + row + "]";
            binding.pushNestedPath(path);
            validator.validate(contact, binding);
            binding.popNestedPath();
            if (contact.email() != null && !binding.hasFieldErrors(path + ".email")
                    && !emails.add(contact.email().toLowerCase(Locale.ROOT))) {
                binding.rejectValue(path + ".email", "join.error.contact.email.repeated");
            }
        }
    }

    /** A field the service refused, next to the form's field, named by its label; else about the whole form. */
    static void reject(BindingResult binding, Application application, ServiceProblem.FieldError error) {
        application.formField(error.field()).ifPresentOrElse(
                field -> binding.rejectValue(field, "join.error.service",
                        new Object[]{new DefaultMessageSourceResolvable(Application.label(field)), error.reason()},
                        error.reason()),
                () -> binding.reject("join.error.service-form", new Object[]{error.reason()}, error.reason()));
    }

    private String page(Locale locale, Model model, String submission) {
        model.addAttribute("kinds", choices.kinds(locale));
        model.addAttribute("countries", choices.countries(locale));
        model.addAttribute("timeZones", choices.timeZones(locale, clock.instant()));
        model.addAttribute("languages", JoinChoices.LANGUAGES);
        model.addAttribute("submission", submission);
        model.addAttribute("pagePath", PATH);
        return VIEW;
    }

    /** The languages membership-service writes in: es-MX or en. */
    private static String language(Locale locale) {
        return PortalLocales.supported(locale).orElse(PortalLocales.SPANISH).toLanguageTag();
    }

    private static String newSubmission() {
        return UUID.randomUUID().toString();
    }

    private static boolean validSubmission(String submission) {
        try {
            return submission != null && UUID.fromString(submission).toString().equals(submission);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
