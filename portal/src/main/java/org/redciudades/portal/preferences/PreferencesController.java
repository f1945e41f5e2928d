package org.redciudades.portal.preferences;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.redciudades.portal.services.ServiceApis;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * What the signed-in person receives by email, as notification-service keeps it for their verified email:
 * announcements of new events and reminders before their events, each on or off. Messages about their own
 * registrations and their institution's membership are always sent, and the page says so.
 */
@Controller
class PreferencesController {

    /** GET and PUT /api/v1/preferences. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Choice(boolean announcements, boolean reminders) {
    }

    private final ServiceApis services;

    PreferencesController(ServiceApis services) {
        this.services = services;
    }

    @GetMapping("/preferences")
    String preferences(Model model) {
        model.addAttribute("choice", services.notification().get().uri("/api/v1/preferences")
                .attributes(ServiceApis.asSignedInPerson()).retrieve().body(Choice.class));
        return "preferences/preferences";
    }

    /** A box left unticked is not sent at all: off. */
    @PostMapping("/preferences")
    String save(@RequestParam(defaultValue = "false") boolean announcements,
                @RequestParam(defaultValue = "false") boolean reminders, RedirectAttributes redirect) {
        services.notification().put().uri("/api/v1/preferences")
                .attributes(ServiceApis.asSignedInPerson())
                .contentType(MediaType.APPLICATION_JSON)
                .body(new Choice(announcements, reminders))
                .retrieve().toBodilessEntity();
        redirect.addFlashAttribute("saved", true);
        return "redirect:/preferences";
    }
}
