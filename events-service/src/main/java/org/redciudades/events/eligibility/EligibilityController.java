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
    private final StaffContacts staff;

    EligibilityController(MemberEligibility eligibility, StaffContacts staff) {
        this.eligibility = eligibility;
        this.staff = staff;
    }

    @Operation(operationId = "getMemberEligibility", summary = "Get an institution's eligibility",
            description = "Organizers: whether staff of this institution may register for members-only events, "
                    + "and its membership status as this service knows it.")
    @GetMapping("/members/{memberId}")
    EligibilityView member(@PathVariable UUID memberId) {
        return view(memberId);
    }

    @Operation(operationId = "getOwnEligibility", summary = "Get the caller's institution's eligibility",
            description = "Anyone signed in: the standing of the institution the caller acts for, the one whose "
                    + "contact the caller's verified email is (never the request). 403 `no-member-institution` when the "
                    + "caller has no verified email or it is nobody's contact, 403 `member-not-active` unless this "
                    + "service's projection of membership events says that institution is active.")
    @GetMapping("/me")
    EligibilityView mine(Authentication authentication) {
        StaffContacts.Affiliation institution = Caller.of(authentication).verifiedEmail().flatMap(staff::of)
                .orElseThrow(() -> new ProblemException(HttpStatus.FORBIDDEN, "no-member-institution"));
        if (!institution.active()) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "member-not-active", institution.memberId());
        }
        return view(institution.memberId());
    }

    private EligibilityView view(UUID memberId) {
        return eligibility.find(memberId)
                .map(entry -> new EligibilityView(memberId, entry.eligible(), entry.status()))
                .orElse(new EligibilityView(memberId, false, null));
    }
}
