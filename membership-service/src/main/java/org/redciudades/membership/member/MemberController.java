package org.redciudades.membership.member;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.redciudades.chassis.security.Caller;
import org.redciudades.membership.web.IanaTimeZone;
import org.redciudades.membership.web.IsoCountry;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
class MemberController {

    private final MembershipService membership;

    MemberController(MembershipService membership) {
        this.membership = membership;
    }

    /** Public: an institution applies to join. The member id doubles as the tracking id. */
    @PostMapping("/applications")
    ResponseEntity<Member> apply(@Valid @RequestBody ApplicationRequest request) {
        Member member = membership.apply(request.institution().toDomain(), request.locale(), request.timeZone(),
                request.contacts().stream().map(ContactRequest::toDomain).toList());
        return ResponseEntity.created(URI.create("/api/v1/members/" + member.id())).body(member);
    }

    @GetMapping("/members/{id}")
    Member get(@PathVariable UUID id) {
        return membership.get(id);
    }

    @PostMapping("/members/{id}/approval")
    Member approve(@PathVariable UUID id, Authentication organizer) {
        return membership.approve(id, Caller.of(organizer).subject());
    }

    @PostMapping("/members/{id}/agreement")
    Member recordAgreement(@PathVariable UUID id, @Valid @RequestBody AgreementRequest request,
                           Authentication organizer) {
        return membership.recordAgreement(id, request.toDomain(), Caller.of(organizer).subject());
    }

    record ApplicationRequest(
            @NotNull @Valid InstitutionRequest institution,
            @NotNull @Pattern(regexp = "es-MX|en") String locale,
            @NotBlank @IanaTimeZone String timeZone,
            @NotEmpty @Size(max = 20) List<@Valid @NotNull ContactRequest> contacts) {

        @AssertTrue(message = "{membership.contacts.primary-required}")
        boolean isPrimaryContact() {
            return contacts == null || contacts.stream().anyMatch(c -> c != null && c.primary());
        }
    }

    record InstitutionRequest(
            @NotBlank @Size(max = 200) String name,
            @NotNull Member.InstitutionKind kind,
            @NotNull @IsoCountry String country,
            @NotBlank @Size(max = 120) String region,
            @NotBlank @Size(max = 120) String city,
            @Size(max = 300) @Pattern(regexp = "https?://\\S+") String website) {

        Member.Institution toDomain() {
            return new Member.Institution(name.strip(), kind, country, region.strip(), city.strip(), website);
        }
    }

    record ContactRequest(
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Email @Size(max = 254) String email,
            @Size(max = 200) String title,
            @NotNull @Pattern(regexp = "es-MX|en") String locale,
            boolean primary) {

        Member.Contact toDomain() {
            return new Member.Contact(UUID.randomUUID(), name.strip(), email.strip().toLowerCase(java.util.Locale.ROOT),
                    title, locale, primary);
        }
    }

    record AgreementRequest(
            @NotNull LocalDate signedOn,
            @NotNull LocalDate termStart,
            LocalDate termEnd,
            @NotBlank @Size(max = 500) String documentReference,
            @NotBlank @Size(max = 200) String memberSignatory,
            @NotBlank @Size(max = 200) String networkSignatory) {

        @AssertTrue(message = "{membership.agreement.term-order}")
        boolean isTermEnd() {
            return termEnd == null || termStart == null || termEnd.isAfter(termStart);
        }

        Member.Agreement toDomain() {
            return new Member.Agreement(UUID.randomUUID(), signedOn, termStart, termEnd, documentReference,
                    memberSignatory, networkSignatory);
        }
    }
}
