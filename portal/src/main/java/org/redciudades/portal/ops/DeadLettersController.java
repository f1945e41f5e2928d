package org.redciudades.portal.ops;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.time.ZoneId;
import java.util.Locale;
import java.util.UUID;
import org.redciudades.portal.PortalProperties;
import org.redciudades.portal.catalogue.EventTimes;
import org.redciudades.portal.services.ProblemMessages;
import org.redciudades.portal.services.ServiceProblem;
import org.redciudades.portal.web.ResultPage;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each service's dead letters: the list (pending by default), one letter whole (where it came from, its headers, key
 * and payload, the error, and what was done with it), replaying it to its original topic, and discarding it with a
 * reason. A refusal (already resolved) is the service's own explanation, on the letter's page.
 */
@Controller
class DeadLettersController {

    static final int PAGE_SIZE = 20;
    static final String DISCARD = "discard";

    private final DeadLetters deadLetters;
    private final EventTimes times;
    private final ProblemMessages problems;
    private final PortalProperties portal;
    private final JsonMapper json;

    DeadLettersController(DeadLetters deadLetters, EventTimes times, ProblemMessages problems, PortalProperties portal,
                          JsonMapper json) {
        this.deadLetters = deadLetters;
        this.times = times;
        this.problems = problems;
        this.portal = portal;
        this.json = json;
    }

    /** A letter in the list, with when it came in the reader's zone. */
    record Listed(DeadLetters.Summary letter, EventTimes.Shown received) {
    }

    /** An action in a letter's history, with when it was taken in the reader's zone. */
    record Taken(DeadLetters.Action action, EventTimes.Shown at) {
    }

    @GetMapping("/ops/dead-letters")
    String list(@RequestParam(defaultValue = "membership") String service,
                @RequestParam(defaultValue = "PENDING") String status, @RequestParam(defaultValue = "0") int page,
                Locale locale, Authentication authentication, Model model) {
        OpsService shown = OpsService.named(service);
        DeadLetters.Status filter = statusFilter(status);
        ResultPage<DeadLetters.Summary> letters = deadLetters.page(shown, filter, Math.max(page, 0), PAGE_SIZE);
        ZoneId zone = HealthController.readerZone(authentication, portal);
        model.addAttribute("service", shown);
        model.addAttribute("services", OpsService.values());
        model.addAttribute("status", filter == null ? "ALL" : filter.name());
        model.addAttribute("statuses", new String[]{"PENDING", "REPLAYED", "DISCARDED", "ALL"});
        model.addAttribute("letters", letters.items().stream()
                .map(letter -> new Listed(letter, times.moment(letter.receivedAt(), zone, locale))).toList());
        model.addAttribute("page", letters);
        String base = "/ops/dead-letters?service=" + shown.path() + "&status=" + (filter == null ? "ALL" : filter.name())
                + "&page=";
        letters.addLinks(model, number -> base + number);
        model.addAttribute("opsSection", "dead-letters");
        return "ops/dead-letters";
    }

    @GetMapping("/ops/dead-letters/{service}/{id}")
    String letter(@PathVariable String service, @PathVariable UUID id, Locale locale, Authentication authentication,
                  Model model) {
        if (!model.containsAttribute(DISCARD)) {
            model.addAttribute(DISCARD, ReasonForm.empty());
        }
        return letterPage(OpsService.named(service), id, locale, authentication, model);
    }

    /** Publishes the original record again; consumers that had applied it drop it as a duplicate. */
    @PostMapping("/ops/dead-letters/{service}/{id}/replay")
    String replay(@PathVariable String service, @PathVariable UUID id, Locale locale, Authentication authentication,
                  Model model, RedirectAttributes redirect, HttpServletResponse response) {
        OpsService named = OpsService.named(service);
        try {
            deadLetters.replay(named, id);
        } catch (ServiceProblem problem) {
            return refused(problem, named, id, locale, authentication, model, response, ReasonForm.empty());
        }
        redirect.addFlashAttribute("done", "replayed");
        return "redirect:/ops/dead-letters/" + named.path() + "/" + id;
    }

    @PostMapping("/ops/dead-letters/{service}/{id}/discard")
    String discard(@PathVariable String service, @PathVariable UUID id,
                   @Valid @ModelAttribute(DISCARD) ReasonForm form, BindingResult binding, Locale locale,
                   Authentication authentication, Model model, RedirectAttributes redirect,
                   HttpServletResponse response) {
        OpsService named = OpsService.named(service);
        if (binding.hasErrors()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return letterPage(named, id, locale, authentication, model);
        }
        try {
            deadLetters.discard(named, id, form.reason().strip());
        } catch (ServiceProblem problem) {
            return refused(problem, named, id, locale, authentication, model, response, form);
        }
        redirect.addFlashAttribute("done", "discarded");
        return "redirect:/ops/dead-letters/" + named.path() + "/" + id;
    }

    /** The service's refusal (such as a letter resolved meanwhile), on the letter's page as it is now. */
    private String refused(ServiceProblem problem, OpsService service, UUID id, Locale locale,
                           Authentication authentication, Model model, HttpServletResponse response, ReasonForm form) {
        if (problem.status() >= 500 || problem.status() == 401 || problem.status() == 404) {
            throw problem;
        }
        model.addAttribute("problem", problems.of(problem, locale));
        model.addAttribute(DISCARD, form);
        response.setStatus(problem.status());
        return letterPage(service, id, locale, authentication, model);
    }

    private String letterPage(OpsService service, UUID id, Locale locale, Authentication authentication, Model model) {
        DeadLetters.Detail letter = deadLetters.get(service, id);
        ZoneId zone = HealthController.readerZone(authentication, portal);
        model.addAttribute("service", service);
        model.addAttribute("letter", letter);
        model.addAttribute("payload", pretty(letter.data()));
        model.addAttribute("received", times.moment(letter.receivedAt(), zone, locale));
        model.addAttribute("actions", letter.actions().stream()
                .map(action -> new Taken(action, times.moment(action.actedAt(), zone, locale))).toList());
        model.addAttribute("pagePath", "/ops/dead-letters/" + service.path() + "/" + id);
        model.addAttribute("opsSection", "dead-letters");
        return "ops/dead-letter";
    }

    /** JSON indented for reading; anything else as it came. */
    String pretty(String data) {
        if (data == null || data.isBlank()) {
            return data;
        }
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(json.readTree(data));
        } catch (JacksonException e) {
            return data;
        }
    }

    private static DeadLetters.Status statusFilter(String status) {
        return switch (status) {
            case "REPLAYED" -> DeadLetters.Status.REPLAYED;
            case "DISCARDED" -> DeadLetters.Status.DISCARDED;
            case "ALL" -> null;
            default -> DeadLetters.Status.PENDING;
        };
    }
}
