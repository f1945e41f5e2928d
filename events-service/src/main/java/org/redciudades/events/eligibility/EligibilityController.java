package org.redciudades.events.eligibility;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.redciudades.chassis.security.Caller;
import org.redciudades.chassis.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Eligibility", description = "Which member institutions are active, as this service's projection of "
        + "membership events says; an active institution's staff may register for members-only events.")
@RestController
@RequestMapping("/api/v1/eligibility")
class EligibilityController {

    record EligibilityView(UUID memberId, boolean eligible, MemberEligibility.Status status) {
    }

    private final MemberEligibility eligibility;

    EligibilityController(MemberEligibility eligibility) {
        this.eligibility = eligibility;
    }

    @Operation(operationId = "getMemberEligibility", summary = "Get an institution's eligibility",
            description = "Organizers: whether staff of this institution may register for members-only events, "
                    + "and its membership status as this service knows it.")
    @GetMapping("/members/{memberId}")
    EligibilityView member(@PathVariable UUID memberId) {
        return view(memberId);
    }

    @Operation(operationId = "getOwnEligibility", summary = "Get the caller's institution's eligibility",
            description = "Member staff: their own institution's standing. The institution is the token's `member_id` "
                    + "claim, never the request; 403 `no-member-institution` without the claim, 403 "
                    + "`member-not-active` unless this service's projection of membership events says it is active.")
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
