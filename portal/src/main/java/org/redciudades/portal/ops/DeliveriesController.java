package org.redciudades.portal.ops;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The delivery log: why did this person (not) get a message? Search by recipient (and status), each message with its
 * status, attempts and last error; a message that failed for good can be sent again after the cause is fixed, with a
 * reason, and its page lists every retry.
 */
@Controller
class DeliveriesController {

    static final int PAGE_SIZE = 20;
    static final String RETRY = "retry";

    private final Deliveries deliveries;
    private final EventTimes times;
    private final ProblemMessages problems;
    private final PortalProperties portal;

    DeliveriesController(Deliveries deliveries, EventTimes times, ProblemMessages problems, PortalProperties portal) {
        this.deliveries = deliveries;
        this.times = times;
        this.problems = problems;
        this.portal = portal;
    }

    /** A message in the list, with when it was queued and sent in the reader's zone. */
    record Listed(Deliveries.Entry entry, EventTimes.Shown created, EventTimes.Shown sent) {
    }

    /** A retry, with when it was asked for in the reader's zone. */
    record Asked(Deliveries.Retry retry, EventTimes.Shown at) {
    }

    /** Nothing is listed until there is a recipient or a status to look for. */
    @GetMapping("/ops/deliveries")
    String search(@RequestParam(required = false) String recipient, @RequestParam(required = false) String status,
                  @RequestParam(defaultValue = "0") int page, Locale locale, Authentication authentication,
                  Model model) {
        String address = recipient == null || recipient.isBlank() ? null : recipient.strip();
        Deliveries.Status filter = statusFilter(status);
        model.addAttribute("recipient", address == null ? "" : address);
        model.addAttribute("status", filter == null ? "" : filter.name());
        model.addAttribute("statuses", Deliveries.Status.values());
        model.addAttribute("opsSection", "deliveries");
        if (address == null && filter == null) {
            return "ops/deliveries";
        }
        ResultPage<Deliveries.Entry> found = deliveries.find(address, filter, Math.max(page, 0), PAGE_SIZE);
        ZoneId zone = HealthController.readerZone(authentication, portal);
        model.addAttribute("found", found);
        model.addAttribute("entries", found.items().stream().map(entry -> new Listed(entry,
                times.moment(entry.createdAt(), zone, locale),
                entry.sentAt() == null ? null : times.moment(entry.sentAt(), zone, locale))).toList());
        // The address as a variable, encoded strictly: a "+" in it stays a "+"
        String base = UriComponentsBuilder.fromPath("/ops/deliveries")
                .queryParamIfPresent("recipient", Optional.ofNullable(address).map(given -> "{recipient}"))
                .queryParamIfPresent("status", Optional.ofNullable(filter)).encode()
                .buildAndExpand(address == null ? Map.of() : Map.of("recipient", address)).toUriString();
        found.addLinks(model, number -> base + "&page=" + number);
        return "ops/deliveries";
    }

    @GetMapping("/ops/deliveries/{id}")
    String delivery(@PathVariable UUID id, Locale locale, Authentication authentication, Model model) {
        if (!model.containsAttribute(RETRY)) {
            model.addAttribute(RETRY, ReasonForm.empty());
        }
        return deliveryPage(id, locale, authentication, model);
    }

    /** Back in the queue: the dispatcher sends it within seconds, once. */
    @PostMapping("/ops/deliveries/{id}/retry")
    String retry(@PathVariable UUID id, @Valid @ModelAttribute(RETRY) ReasonForm form, BindingResult binding,
                 Locale locale, Authentication authentication, Model model, RedirectAttributes redirect,
                 HttpServletResponse response) {
        if (binding.hasErrors()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return deliveryPage(id, locale, authentication, model);
        }
        try {
            deliveries.retry(id, form.reason().strip());
        } catch (ServiceProblem problem) {
            if (problem.status() >= 500 || problem.status() == 401 || problem.status() == 404) {
                throw problem;
            }
            // Such as a message someone else sent again meanwhile: the service's words, on the page as it is now
            model.addAttribute("problem", problems.of(problem, locale));
            response.setStatus(problem.status());
            return deliveryPage(id, locale, authentication, model);
        }
        redirect.addFlashAttribute("retried", true);
        return "redirect:/ops/deliveries/" + id;
    }

    private String deliveryPage(UUID id, Locale locale, Authentication authentication, Model model) {
        Deliveries.Entry entry = deliveries.get(id);
        ZoneId zone = HealthController.readerZone(authentication, portal);
        model.addAttribute("delivery", new Listed(entry, times.moment(entry.createdAt(), zone, locale),
                entry.sentAt() == null ? null : times.moment(entry.sentAt(), zone, locale)));
        model.addAttribute("retries", deliveries.retries(id).stream()
                .map(retry -> new Asked(retry, times.moment(retry.requestedAt(), zone, locale))).toList());
        model.addAttribute("pagePath", "/ops/deliveries/" + id);
        model.addAttribute("opsSection", "deliveries");
        return "ops/delivery";
    }

    private static Deliveries.Status statusFilter(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return Deliveries.Status.valueOf(status);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
