package org.redciudades.portal.institution;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.UUID;
import org.redciudades.portal.services.ProblemMessages;
import org.redciudades.portal.services.ServiceApis;
import org.redciudades.portal.services.ServiceProblem;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * "My institution": the standing of the institution the signed-in person acts for, as events-service knows it from
 * membership's facts (GET /api/v1/eligibility/me), or why they act for none.
 */
@Controller
class InstitutionController {

    private final ServiceApis services;
    private final ProblemMessages problems;

    InstitutionController(ServiceApis services, ProblemMessages problems) {
        this.services = services;
        this.problems = problems;
    }

    /** events-service's answer: the institution's member id, its membership status and whether its staff may register. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Eligibility(UUID memberId, String status, boolean eligible) {
    }

    @GetMapping("/institution")
    String institution(Locale locale, Model model, HttpServletResponse response) {
        try {
            model.addAttribute("eligibility", services.events().get().uri("/api/v1/eligibility/me")
                    .attributes(ServiceApis.asSignedInPerson()).retrieve().body(Eligibility.class));
        } catch (ServiceProblem problem) {
            if (problem.status() >= 500 || problem.status() == 401) {
                throw problem;
            }
            // 403 no-member-institution or member-not-active: the answer this page is for, in its own words
            if (problem.is("no-member-institution") || problem.is("member-not-active")) {
                model.addAttribute("standing", problem.type());
            } else {
                model.addAttribute("problem", problems.of(problem, locale));
            }
        }
        return "institution/institution";
    }
}
