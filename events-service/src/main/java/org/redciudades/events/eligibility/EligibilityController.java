package org.redciudades.events.eligibility;

import java.util.UUID;
import org.redciudades.chassis.security.Caller;
import org.redciudades.chassis.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/eligibility")
class EligibilityController {

    record EligibilityView(UUID memberId, boolean eligible, MemberEligibility.Status status) {
    }

    private final MemberEligibility eligibility;

    EligibilityController(MemberEligibility eligibility) {
        this.eligibility = eligibility;
    }

    /** Organizers: whether staff of this institution may register for members-only events. */
    @GetMapping("/members/{memberId}")
    EligibilityView member(@PathVariable UUID memberId) {
        return view(memberId);
    }

    /**
     * Member staff: their own institution's standing. The institution comes from the token's
     * {@code member_id} claim, never from the request, and counts only if this service's projection of
     * membership events says it is active.
     */
    @GetMapping("/me")
    EligibilityView mine(Authentication staff) {
        UUID memberId = Caller.of(staff).memberId()
                .orElseThrow(() -> new ProblemException(HttpStatus.FORBIDDEN, "no-member-institution"));
        EligibilityView view = view(memberId);
        if (!view.eligible()) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "member-not-active", memberId);
        }
        return view;
    }

    private EligibilityView view(UUID memberId) {
        return eligibility.find(memberId)
                .map(entry -> new EligibilityView(memberId, entry.eligible(), entry.status()))
                .orElse(new EligibilityView(memberId, false, null));
    }
}
