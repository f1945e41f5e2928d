package org.redciudades.portal.organizer.events;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.redciudades.portal.catalogue.EventTimes;
import org.redciudades.portal.services.ServiceProblem;
import org.redciudades.portal.web.ResultPage;
import org.springframework.beans.BeanWrapperImpl;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.propertyeditors.StringTrimmerEditor;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The organizers' events: the list (drafts and announced ones, with seats and waiting; or the ones behind), drafting
 * and editing, and each step of an event's life on a page of its own that says what the step will tell people before
 * it is taken: announcing, rescheduling, changing the capacity, closing registration, completing, cancelling with a
 * reason. Every refusal is events-service's, in words.
 */
@Controller
@RequestMapping("/organizer/events")
class OrganizerEventsController {

    static final List<String> CURRENT = List.of("DRAFT", "ANNOUNCED", "REGISTRATION_CLOSED");
    static final List<String> BEHIND = List.of("COMPLETED", "CANCELLED");
    static final int PAGE_SIZE = 20;
    /** The network's countries, Mexico and Central America. */
    static final List<String> COUNTRIES = List.of("MX", "BZ", "GT", "SV", "HN", "NI", "CR", "PA");
    /** The steps that need no more than a yes, by their path: events-service's path of the same name. */
    static final Set<String> PLAIN_STEPS = Set.of("announcement", "registration-closure", "completion");

    private final OrganizerEvents events;
    private final EventTimes times;
    private final OrganizerProblems problems;
    private final Clock clock;

    OrganizerEventsController(OrganizerEvents events, EventTimes times, OrganizerProblems problems,
                              ObjectProvider<Clock> clock) {
        this.events = events;
        this.times = times;
        this.problems = problems;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** A field left empty is no value: an empty link, quota or reason is none. */
    @InitBinder
    void emptyIsNone(WebDataBinder binder) {
        binder.registerCustomEditor(String.class, new StringTrimmerEditor(true));
    }

    /** Drafts and announced events, soonest first ({@code ?show=behind}: completed and cancelled ones). */
    @GetMapping
    String list(@RequestParam(required = false) String show, @RequestParam(defaultValue = "0") int page,
                Locale locale, Model model) {
        boolean behind = "behind".equals(show);
        ResultPage<OrganizerEvents.Event> list = events.list(behind ? BEHIND : CURRENT, Math.max(0, page),
                PAGE_SIZE);
        Instant now = clock.instant();
        model.addAttribute("behind", behind);
        model.addAttribute("events", list.items().stream().map(e -> ManagedEvent.of(e, locale, times, now)).toList());
        model.addAttribute("page", list);
        String tab = behind ? "/organizer/events?show=behind&page=" : "/organizer/events?page=";
        list.addLinks(model, number -> tab + number);
        return "organizer/events/list";
    }

    @GetMapping("/new")
    String newDraft(Locale locale, Model model) {
        model.addAttribute("draft", EventForm.blank());
        return form(null, locale, model);
    }

    @PostMapping("/new")
    String draft(@Valid @ModelAttribute("draft") EventForm form, BindingResult binding, Locale locale, Model model,
                 RedirectAttributes redirect, HttpServletResponse response) {
        if (!binding.hasFieldErrors("timeZone") && !form.knownZone()) {
            binding.rejectValue("timeZone", "org.events.error.time-zone");
        }
        if (binding.hasErrors()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return form(null, locale, model);
        }
        try {
            OrganizerEvents.Event drafted = events.draft(form.toDraft());
            redirect.addFlashAttribute("done", Done.of("org.events.done.drafted"));
            return "redirect:/organizer/events/" + drafted.id();
        } catch (ServiceProblem problem) {
            refused(problem, binding, locale, model, response);
            return form(null, locale, model);
        }
    }

    /** One event: what it is, its seats and registrations, and the steps its status allows. */
    @GetMapping("/{id}")
    String event(@PathVariable UUID id, Locale locale, Model model) {
        ManagedEvent event = load(id, locale, model);
        if (event.hasRoster()) {
            model.addAttribute("confirmed", events.count(id, "CONFIRMED"));
            model.addAttribute("pending", events.count(id, "PENDING_APPROVAL"));
            model.addAttribute("attended", events.count(id, "ATTENDED"));
        }
        return "organizer/events/event";
    }

    @GetMapping("/{id}/edit")
    String edit(@PathVariable UUID id, Locale locale, Model model) {
        OrganizerEvents.Event event = events.get(id);
        model.addAttribute("draft", EventForm.of(event));
        return form(event, locale, model);
    }

    /** The description: titles, texts, modality, venue, link and windows (PUT …/description). */
    @PostMapping("/{id}/edit")
    String describe(@PathVariable UUID id, @Valid @ModelAttribute("draft") EventForm form, BindingResult binding,
                    Locale locale, Model model, RedirectAttributes redirect, HttpServletResponse response) {
        OrganizerEvents.Event event = events.get(id);
        if (binding.hasErrors()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return form(event, locale, model);
        }
        try {
            events.describe(id, form.toDescription(event.timeZone()));
            redirect.addFlashAttribute("done", Done.of(event.status().equals("DRAFT")
                    ? "org.events.done.described-draft" : "org.events.done.described"));
            return "redirect:/organizer/events/" + id;
        } catch (ServiceProblem problem) {
            refused(problem, binding, locale, model, response);
            return form(event, locale, model);
        }
    }

    /** The question before announcing, closing registration or completing: what the event is, and what follows. */
    @GetMapping("/{id}/{step:announcement|registration-closure|completion}")
    String confirmStep(@PathVariable UUID id, @PathVariable String step, Locale locale, Model model) {
        load(id, locale, model);
        model.addAttribute("step", step);
        return "organizer/events/step";
    }

    @PostMapping("/{id}/{step:announcement|registration-closure|completion}")
    String takeStep(@PathVariable UUID id, @PathVariable String step, Locale locale, Model model,
                    RedirectAttributes redirect, HttpServletResponse response) {
        try {
            events.step(id, step);
        } catch (ServiceProblem problem) {
            refusedStep(problem, locale, model, response);
            return confirmStep(id, step, locale, model);
        }
        redirect.addFlashAttribute("done", Done.of("org.events.done." + step));
        return "redirect:/organizer/events/" + id;
    }

    @GetMapping("/{id}/rescheduling")
    String rescheduling(@PathVariable UUID id, Locale locale, Model model) {
        ManagedEvent event = load(id, locale, model);
        OrganizerEvents.Event current = events.get(id);
        EventForm times = EventForm.of(current);
        model.addAttribute("schedule", new StepForms.Schedule(times.startsAt(), times.endsAt(), event.timeZone()));
        return reschedulingPage(id, model);
    }

    @PostMapping("/{id}/rescheduling")
    String reschedule(@PathVariable UUID id, @Valid @ModelAttribute("schedule") StepForms.Schedule form,
                      BindingResult binding, Locale locale, Model model, RedirectAttributes redirect,
                      HttpServletResponse response) {
        if (!binding.hasFieldErrors("timeZone") && !EventForm.ZONES.contains(form.timeZone())) {
            binding.rejectValue("timeZone", "org.events.error.time-zone");
        }
        if (binding.hasErrors()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            load(id, locale, model);
            return reschedulingPage(id, model);
        }
        try {
            var zone = java.time.ZoneId.of(form.timeZone());
            events.reschedule(id, new OrganizerEvents.Schedule(EventForm.at(form.startsAt(), zone),
                    EventForm.at(form.endsAt(), zone), form.timeZone()));
        } catch (ServiceProblem problem) {
            refused(problem, binding, locale, model, response);
            load(id, locale, model);
            return reschedulingPage(id, model);
        }
        redirect.addFlashAttribute("done", Done.of("org.events.done.rescheduled", active(id, events.get(id))));
        return "redirect:/organizer/events/" + id;
    }

    @GetMapping("/{id}/capacity")
    String capacity(@PathVariable UUID id, Locale locale, Model model) {
        ManagedEvent event = load(id, locale, model);
        model.addAttribute("capacity", new StepForms.Capacity(event.capacity()));
        return "organizer/events/capacity";
    }

    /** A larger capacity gives seats to the waiting list at once, and events-service says to whom; they are told. */
    @PostMapping("/{id}/capacity")
    String changeCapacity(@PathVariable UUID id, @Valid @ModelAttribute("capacity") StepForms.Capacity form,
                          BindingResult binding, Locale locale, Model model, RedirectAttributes redirect,
                          HttpServletResponse response) {
        if (binding.hasErrors()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            load(id, locale, model);
            return "organizer/events/capacity";
        }
        OrganizerEvents.Promotion promotion;
        try {
            promotion = events.changeCapacity(id, form.capacity());
        } catch (ServiceProblem problem) {
            refused(problem, binding, locale, model, response);
            load(id, locale, model);
            return "organizer/events/capacity";
        }
        boolean approval = events.get(id).requiresApproval();
        redirect.addFlashAttribute("done", Done.of(approval ? "org.events.done.capacity-pending"
                : "org.events.done.capacity", form.capacity(), promotion.count()));
        return "redirect:/organizer/events/" + id;
    }

    @GetMapping("/{id}/cancellation")
    String cancellation(@PathVariable UUID id, Locale locale, Model model) {
        load(id, locale, model);
        model.addAttribute("cancellation", new StepForms.Reason(""));
        return cancellationPage(id, model);
    }

    @PostMapping("/{id}/cancellation")
    String cancel(@PathVariable UUID id, @Valid @ModelAttribute("cancellation") StepForms.Reason form,
                  BindingResult binding, Locale locale, Model model, RedirectAttributes redirect,
                  HttpServletResponse response) {
        if (binding.hasErrors()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            load(id, locale, model);
            return cancellationPage(id, model);
        }
        long told = active(id, events.get(id));
        try {
            events.cancel(id, form.reason().strip());
        } catch (ServiceProblem problem) {
            refused(problem, binding, locale, model, response);
            load(id, locale, model);
            return cancellationPage(id, model);
        }
        redirect.addFlashAttribute("done", Done.of("org.events.done.cancelled", told));
        return "redirect:/organizer/events/" + id;
    }

    /** A country of the venue, named in the reader's language. */
    record Country(String code, String name) {
    }

    private String form(OrganizerEvents.Event event, Locale locale, Model model) {
        model.addAttribute("existing", event);
        model.addAttribute("types", EventForm.TYPES.split("\\|"));
        model.addAttribute("zones", EventForm.ZONES);
        model.addAttribute("countries", COUNTRIES.stream()
                .map(code -> new Country(code, Locale.of("", code).getDisplayCountry(locale))).toList());
        return "organizer/events/form";
    }

    private String reschedulingPage(UUID id, Model model) {
        model.addAttribute("zones", EventForm.ZONES);
        model.addAttribute("told", active(id, events.get(id)));
        return "organizer/events/rescheduling";
    }

    private String cancellationPage(UUID id, Model model) {
        model.addAttribute("told", active(id, events.get(id)));
        return "organizer/events/cancellation";
    }

    /** Everyone still registered, whom a reschedule or a cancellation is sent to: with a seat, pending, or waiting. */
    private long active(UUID id, OrganizerEvents.Event event) {
        if ("DRAFT".equals(event.status())) {
            return 0;
        }
        return events.count(id, "CONFIRMED") + events.count(id, "PENDING_APPROVAL") + event.waitlistLength();
    }

    private ManagedEvent load(UUID id, Locale locale, Model model) {
        ManagedEvent event = ManagedEvent.of(events.get(id), locale, times, clock.instant());
        model.addAttribute("event", event);
        return event;
    }

    /**
     * A step's form refused by events-service: its invalid fields next to the form's fields, anything else in words
     * above the form. A missing event (404), a failure (5xx) or a lost session (401) are pages of their own.
     */
    private void refused(ServiceProblem problem, BindingResult binding, Locale locale, Model model,
                         HttpServletResponse response) {
        if (problem.status() == 404 || problem.status() == 401 || problem.status() >= 500) {
            throw problem;
        }
        if (problem.status() == 400 && !problem.errors().isEmpty()) {
            problem.errors().forEach(error -> reject(binding, error));
        } else {
            model.addAttribute("problem", problems.of(problem, locale));
        }
        response.setStatus(problem.status());
    }

    private void refusedStep(ServiceProblem problem, Locale locale, Model model, HttpServletResponse response) {
        if (problem.status() == 404 || problem.status() == 401 || problem.status() >= 500) {
            throw problem;
        }
        model.addAttribute("problem", problems.of(problem, locale));
        response.setStatus(problem.status());
    }

    private static void reject(BindingResult binding, ServiceProblem.FieldError error) {
        String field = EventForm.SERVICE_FIELDS.getOrDefault(error.field(), error.field());
        if (binding.getTarget() != null && !field.isBlank()
                && new BeanWrapperImpl(binding.getTarget()).isReadableProperty(field)) {
            binding.rejectValue(field, "service", error.reason());
        } else {
            binding.reject("service", error.reason());
        }
    }
}
