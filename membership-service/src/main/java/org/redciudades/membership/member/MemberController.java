package org.redciudades.membership.member;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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
import java.util.Set;
import java.util.UUID;
import org.redciudades.chassis.openapi.PublicOperation;
import org.redciudades.chassis.security.Caller;
import org.redciudades.chassis.web.PageQuery;
import org.redciudades.chassis.web.validation.IanaTimeZone;
import org.redciudades.chassis.web.validation.IsoCountry;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Members", description = "Institutions of the network and their lifecycle: SUBMITTED → UNDER_REVIEW → "
        + "APPROVED → ACTIVE (agreement signed), then EXPIRING, EXPIRED, SUSPENDED or WITHDRAWN; and their contacts.")
@RestController
@RequestMapping("/api/v1")
class MemberController {

    private final MembershipService membership;
    private final MemberContacts contacts;

    MemberController(MembershipService membership, MemberContacts contacts) {
        this.membership = membership;
        this.contacts = contacts;
    }

    @Operation(operationId = "applyForMembership", summary = "Apply for membership",
            description = "Public: an institution applies to join, with at least one primary contact. The member's "
                    + "`id` in the answer is the tracking id. 409 `duplicate-member` (with `existingMemberId`) when the "
                    + "same institution or one of the same contact emails already applied or is a member.",
            responses = @ApiResponse(responseCode = "201", description = "Submitted; `Location` names the member."))
    @PublicOperation
    @PostMapping("/applications")
    ResponseEntity<Member> apply(@Valid @RequestBody ApplicationRequest request) {
        Member member = membership.apply(request.institution().toDomain(), request.locale(), request.timeZone(),
                request.contacts().stream().map(ContactRequest::toDomain).toList());
        return ResponseEntity.created(URI.create("/api/v1/members/" + member.id())).body(member);
    }

    @Operation(operationId = "searchMembers", summary = "Search members",
            description = "Organizers: by status, country, kind and name (accents and case ignored). Paged; `sort` by "
                    + "`name`, `country`, `status` or `submittedAt`.")
    @GetMapping("/members")
    PageQuery.Page<MemberRepository.MemberSummary> search(
            @RequestParam(required = false) MemberStatus status,
            @RequestParam(required = false) @IsoCountry String country,
            @RequestParam(required = false) Member.InstitutionKind kind,
            @RequestParam(required = false) @Size(max = 200) String name,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size,
            @RequestParam(required = false) String sort) {
        return membership.search(new MemberRepository.MemberSearch(status, country, kind, name),
                PageQuery.parse(page, size, sort, Set.of("name", "country", "status", "submittedAt"), "name,asc"));
    }

    @Operation(operationId = "getMember", summary = "Get a member",
            description = "Organizers: one member with its contacts and agreement.")
    @GetMapping("/members/{id}")
    Member get(@PathVariable UUID id) {
        return membership.get(id);
    }

    @Operation(operationId = "getMemberHistory", summary = "Get a member's history",
            description = "Organizers: every lifecycle step, oldest first: from, to, who, why and when.")
    @GetMapping("/members/{id}/history")
    List<MemberRepository.TransitionRecord> history(@PathVariable UUID id) {
        return membership.history(id);
    }

    @Operation(operationId = "startMemberReview", summary = "Start reviewing an application",
            description = "Organizers: SUBMITTED → UNDER_REVIEW. Internal; publishes nothing.")
    @PostMapping("/members/{id}/review")
    Member startReview(@PathVariable UUID id, Authentication organizer) {
        return membership.handle(id, new MemberCommand.StartReview(), actor(organizer));
    }

    @Operation(operationId = "approveMember", summary = "Approve an application",
            description = "Organizers: SUBMITTED or UNDER_REVIEW → APPROVED; the member becomes active once the "
                    + "agreement is recorded.")
    @PostMapping("/members/{id}/approval")
    Member approve(@PathVariable UUID id, Authentication organizer) {
        return membership.handle(id, new MemberCommand.Approve(), actor(organizer));
    }

    @Operation(operationId = "rejectMember", summary = "Reject an application",
            description = "Organizers: SUBMITTED or UNDER_REVIEW → REJECTED, with a reason. Final.")
    @PostMapping("/members/{id}/rejection")
    Member reject(@PathVariable UUID id, @Valid @RequestBody RequiredReason request, Authentication organizer) {
        return membership.handle(id, new MemberCommand.Reject(request.reason().strip()), actor(organizer));
    }

    @Operation(operationId = "recordMemberAgreement", summary = "Record the signed agreement",
            description = "Organizers: the signed collaboration agreement (convenio); APPROVED → ACTIVE.")
    @PostMapping("/members/{id}/agreement")
    Member recordAgreement(@PathVariable UUID id, @Valid @RequestBody AgreementRequest request,
                           Authentication organizer) {
        return membership.handle(id, new MemberCommand.RecordAgreement(request.toDomain()), actor(organizer));
    }

    @Operation(operationId = "suspendMember", summary = "Suspend a member",
            description = "Organizers: ACTIVE or EXPIRING → SUSPENDED, with a reason.")
    @PostMapping("/members/{id}/suspension")
    Member suspend(@PathVariable UUID id, @Valid @RequestBody RequiredReason request, Authentication organizer) {
        return membership.handle(id, new MemberCommand.Suspend(request.reason().strip()), actor(organizer));
    }

    @Operation(operationId = "reinstateMember", summary = "Reinstate a member",
            description = "Organizers: SUSPENDED → ACTIVE, with an optional reason.")
    @PostMapping("/members/{id}/reinstatement")
    Member reinstate(@PathVariable UUID id, @Valid @RequestBody(required = false) OptionalReason request,
                     Authentication organizer) {
        return membership.handle(id, new MemberCommand.Reinstate(OptionalReason.of(request)), actor(organizer));
    }

    @Operation(operationId = "withdrawMember", summary = "Withdraw a member",
            description = "Organizers: ACTIVE, SUSPENDED, EXPIRING or EXPIRED → WITHDRAWN, with an optional reason. "
                    + "Final.")
    @PostMapping("/members/{id}/withdrawal")
    Member withdraw(@PathVariable UUID id, @Valid @RequestBody(required = false) OptionalReason request,
                    Authentication organizer) {
        return membership.handle(id, new MemberCommand.Withdraw(OptionalReason.of(request)), actor(organizer));
    }

    @Operation(operationId = "renewMember", summary = "Renew a member's agreement",
            description = "Organizers: a new agreement; ACTIVE, EXPIRING or EXPIRED → ACTIVE.")
    @PostMapping("/members/{id}/renewal")
    Member renew(@PathVariable UUID id, @Valid @RequestBody AgreementRequest request, Authentication organizer) {
        return membership.handle(id, new MemberCommand.Renew(request.toDomain()), actor(organizer));
    }

    @Operation(operationId = "updateMemberProfile", summary = "Update a member's profile",
            description = "Organizers: the institution's details, locale and time zone.")
    @PutMapping("/members/{id}/profile")
    Member updateProfile(@PathVariable UUID id, @Valid @RequestBody ProfileRequest request, Authentication organizer) {
        return contacts.updateProfile(id, request.institution().toDomain(), request.locale(), request.timeZone(),
                actor(organizer));
    }

    @Operation(operationId = "addMemberContact", summary = "Add a contact",
            description = "Organizers: a new contact of the institution; a new primary contact demotes the old one.",
            responses = @ApiResponse(responseCode = "201", description = "Added; `Location` names the contact."))
    @PostMapping("/members/{id}/contacts")
    ResponseEntity<Member> addContact(@PathVariable UUID id, @Valid @RequestBody ContactRequest request,
                                      Authentication organizer) {
        Member.Contact contact = request.toDomain(UUID.randomUUID());
        Member member = contacts.add(id, contact, actor(organizer));
        return ResponseEntity.created(URI.create("/api/v1/members/" + id + "/contacts/" + contact.id())).body(member);
    }

    @Operation(operationId = "updateMemberContact", summary = "Replace a contact",
            description = "Organizers: replaces one contact; the last primary contact cannot be demoted.")
    @PutMapping("/members/{id}/contacts/{contactId}")
    Member updateContact(@PathVariable UUID id, @PathVariable UUID contactId, @Valid @RequestBody ContactRequest request,
                         Authentication organizer) {
        return contacts.update(id, request.toDomain(contactId), actor(organizer));
    }

    @Operation(operationId = "removeMemberContact", summary = "Remove a contact",
            description = "Organizers: removes a contact that is not the primary one.",
            responses = @ApiResponse(responseCode = "204", description = "Removed."))
    @DeleteMapping("/members/{id}/contacts/{contactId}")
    ResponseEntity<Void> removeContact(@PathVariable UUID id, @PathVariable UUID contactId, Authentication organizer) {
        contacts.remove(id, contactId, actor(organizer));
        return ResponseEntity.noContent().build();
    }

    @Operation(operationId = "eraseMemberContact", summary = "Erase a contact's personal data",
            description = "Organizers: right to erasure. The contact's name and email are removed here and, through "
                    + "`contact.erased`, in every service.",
            responses = @ApiResponse(responseCode = "204", description = "Erased."))
    @PostMapping("/members/{id}/contacts/{contactId}/erasure")
    ResponseEntity<Void> eraseContact(@PathVariable UUID id, @PathVariable UUID contactId, Authentication organizer) {
        contacts.erase(id, contactId, actor(organizer));
        return ResponseEntity.noContent().build();
    }

    private static String actor(Authentication organizer) {
        return Caller.of(organizer).subject();
    }

    record ProfileRequest(
            @NotNull @Valid InstitutionRequest institution,
            @NotNull @Pattern(regexp = "es-MX|en") String locale,
            @NotBlank @IanaTimeZone String timeZone) {
    }

    record RequiredReason(@NotBlank @Size(max = 1000) String reason) {
    }

    record OptionalReason(@Size(max = 1000) String reason) {
        static String of(OptionalReason request) {
            return request == null || request.reason() == null || request.reason().isBlank() ? null : request.reason().strip();
        }
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
            return toDomain(UUID.randomUUID());
        }

        Member.Contact toDomain(UUID id) {
            return new Member.Contact(id, name.strip(), email.strip().toLowerCase(java.util.Locale.ROOT), title, locale,
                    primary);
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
