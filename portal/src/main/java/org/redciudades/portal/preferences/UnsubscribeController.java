package org.redciudades.portal.preferences;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;
import org.redciudades.portal.services.ServiceApis;
import org.redciudades.portal.services.ServiceProblem;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Where the unsubscribe link in an email's body leads, without signing in: it says which address and which kind of
 * messages, and unsubscribes only when the person presses the button (a POST), so that link scanners opening it
 * unsubscribe nobody. notification-service checks the link's signature; an incomplete or altered link is a page that
 * says so. (The email's List-Unsubscribe header points at notification-service's one-click endpoint itself.)
 */
@Controller
class UnsubscribeController {

    static final Set<String> CATEGORIES = Set.of("ANNOUNCEMENTS", "REMINDERS");
    static final String VIEW = "preferences/unsubscribe";

    /** notification-service's answer: the link's address and category, and whether they still get those messages. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Subscription(String email, String category, boolean subscribed) {
    }

    private final ServiceApis services;

    UnsubscribeController(ServiceApis services) {
        this.services = services;
    }

    @GetMapping("/unsubscribe")
    String page(@RequestParam(required = false) String email, @RequestParam(required = false) String category,
                @RequestParam(required = false) String signature, Model model, HttpServletResponse response) {
        if (!complete(email, category, signature)) {
            return invalid(HttpServletResponse.SC_BAD_REQUEST, model, response);
        }
        try {
            model.addAttribute("subscription", services.notification().get()
                    .uri("/api/v1/unsubscribe?email={email}&category={category}&signature={signature}",
                            email, category, signature)
                    .retrieve().body(Subscription.class));
        } catch (ServiceProblem problem) {
            return refused(problem, model, response);
        }
        model.addAttribute("signature", signature);
        return VIEW;
    }

    @PostMapping("/unsubscribe")
    String unsubscribe(@RequestParam(required = false) String email, @RequestParam(required = false) String category,
                       @RequestParam(required = false) String signature, Model model,
                       RedirectAttributes redirect, HttpServletResponse response) {
        if (!complete(email, category, signature)) {
            return invalid(HttpServletResponse.SC_BAD_REQUEST, model, response);
        }
        try {
            services.notification().post()
                    .uri("/api/v1/unsubscribe?email={email}&category={category}&signature={signature}",
                            email, category, signature)
                    .retrieve().toBodilessEntity();
        } catch (ServiceProblem problem) {
            return refused(problem, model, response);
        }
        redirect.addFlashAttribute("unsubscribed", true);
        // Each parameter encoded whole: a "+" in an address stays a "+"
        return "redirect:" + UriComponentsBuilder.fromPath("/unsubscribe").queryParam("email", "{email}")
                .queryParam("category", "{category}").queryParam("signature", "{signature}").encode()
                .buildAndExpand(email, category, signature).toUriString();
    }

    private static boolean complete(String email, String category, String signature) {
        return email != null && !email.isBlank() && signature != null && !signature.isBlank()
                && CATEGORIES.contains(category);
    }

    /** A link notification-service did not sign (403) or that lacks a part (400): the same page, in words. */
    private static String refused(ServiceProblem problem, Model model, HttpServletResponse response) {
        if (problem.status() == 400 || problem.status() == 403) {
            return invalid(problem.status(), model, response);
        }
        throw problem;
    }

    private static String invalid(int status, Model model, HttpServletResponse response) {
        response.setStatus(status);
        model.addAttribute("invalid", true);
        return VIEW;
    }
}
