package org.redciudades.events.eligibility;

import java.util.UUID;
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

    /** Whether staff of this institution may register for members-only events, as this service sees it. */
    @GetMapping("/members/{memberId}")
    EligibilityView member(@PathVariable UUID memberId) {
        return eligibility.find(memberId)
                .map(entry -> new EligibilityView(memberId, entry.eligible(), entry.status()))
                .orElse(new EligibilityView(memberId, false, null));
    }
}
