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
import java.util.Set;
import java.util.UUID;
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

@RestController
@RequestMapping("/api/v1")
class MemberController {

    private final MembershipService membership;
    private final MemberContacts contacts;

    MemberController(MembershipService membership, MemberContacts contacts) {
        this.membership = membership;
        this.contacts = contacts;
    }

    /** Public: an institution applies to join. The member id doubles as the tracking id. */
    @PostMapping("/applications")
    ResponseEntity<Member> apply(@Valid @RequestBody ApplicationRequest request) {
        Member member = membership.apply(request.institution().toDomain(), request.locale(), request.timeZone(),
                request.contacts().stream().map(ContactRequest::toDomain).toList());
        return ResponseEntity.created(URI.create("/api/v1/members/" + member.id())).body(member);
    }

    /** Search by status, country, kind and name (accents and case ignored); paged and sorted per API.md. */
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

    @GetMapping("/members/{id}")
    Member get(@PathVariable UUID id) {
        return membership.get(id);
    }

    @GetMapping("/members/{id}/history")
    List<MemberRepository.TransitionRecord> history(@PathVariable UUID id) {
        return membership.history(id);
    }

    @PostMapping("/members/{id}/review")
    Member startReview(@PathVariable UUID id, Authentication organizer) {
        return membership.handle(id, new MemberCommand.StartReview(), actor(organizer));
    }

    @PostMapping("/members/{id}/approval")
    Member approve(@PathVariable UUID id, Authentication organizer) {
        return membership.handle(id, new MemberCommand.Approve(), actor(organizer));
    }

    @PostMapping("/members/{id}/rejection")
    Member reject(@PathVariable UUID id, @Valid @RequestBody RequiredReason request, Authentication organizer) {
        return membership.handle(id, new MemberCommand.Reject(request.reason().strip()), actor(organizer));
    }

    @PostMapping("/members/{id}/agreement")
    Member recordAgreement(@PathVariable UUID id, @Valid @RequestBody AgreementRequest request,
                           Authentication organizer) {
        return membership.handle(id, new MemberCommand.RecordAgreement(request.toDomain()), actor(organizer));
    }

    @PostMapping("/members/{id}/suspension")
    Member suspend(@PathVariable UUID id, @Valid @RequestBody RequiredReason request, Authentication organizer) {
        return membership.handle(id, new MemberCommand.Suspend(request.reason().strip()), actor(organizer));
    }

    @PostMapping("/members/{id}/reinstatement")
    Member reinstate(@PathVariable UUID id, @Valid @RequestBody(required = false) OptionalReason request,
                     Authentication organizer) {
        return membership.handle(id, new MemberCommand.Reinstate(OptionalReason.of(request)), actor(organizer));
    }

    @PostMapping("/members/{id}/withdrawal")
    Member withdraw(@PathVariable UUID id, @Valid @RequestBody(required = false) OptionalReason request,
                    Authentication organizer) {
        return membership.handle(id, new MemberCommand.Withdraw(OptionalReason.of(request)), actor(organizer));
    }

    @PostMapping("/members/{id}/renewal")
    Member renew(@PathVariable UUID id, @Valid @RequestBody AgreementRequest request, Authentication organizer) {
        return membership.handle(id, new MemberCommand.Renew(request.toDomain()), actor(organizer));
    }

    @PutMapping("/members/{id}/profile")
    Member updateProfile(@PathVariable UUID id, @Valid @RequestBody ProfileRequest request, Authentication organizer) {
        return contacts.updateProfile(id, request.institution().toDomain(), request.locale(), request.timeZone(),
                actor(organizer));
    }

    @PostMapping("/members/{id}/contacts")
    ResponseEntity<Member> addContact(@PathVariable UUID id, @Valid @RequestBody ContactRequest request,
                                      Authentication organizer) {
        Member.Contact contact = request.toDomain(UUID.randomUUID());
        Member member = contacts.add(id, contact, actor(organizer));
        return ResponseEntity.created(URI.create("/api/v1/members/" + id + "/contacts/" + contact.id())).body(member);
    }

    @PutMapping("/members/{id}/contacts/{contactId}")
    Member updateContact(@PathVariable UUID id, @PathVariable UUID contactId, @Valid @RequestBody ContactRequest request,
                         Authentication organizer) {
        return contacts.update(id, request.toDomain(contactId), actor(organizer));
    }

    @DeleteMapping("/members/{id}/contacts/{contactId}")
    ResponseEntity<Void> removeContact(@PathVariable UUID id, @PathVariable UUID contactId, Authentication organizer) {
        contacts.remove(id, contactId, actor(organizer));
        return ResponseEntity.noContent().build();
    }

    /** Right to erasure: the contact's name and email are removed here and, through the event, everywhere. */
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
