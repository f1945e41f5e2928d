package org.redciudades.events.catalogue;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;
import org.redciudades.chassis.web.PageQuery;
import org.redciudades.chassis.web.validation.IanaTimeZone;
import org.redciudades.chassis.web.validation.IsoCountry;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/events")
class CatalogueController {

    private final Catalogue catalogue;

    CatalogueController(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** Public: the announced events, filtered by type, venue country, modality and a date range. */
    @GetMapping
    PageQuery.Page<CatalogueEntry> announced(
            @RequestParam(required = false) EventKind type,
            @RequestParam(required = false) @IsoCountry String country,
            @RequestParam(required = false) @Pattern(regexp = "VIRTUAL|IN_PERSON|HYBRID") String modality,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime to,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size,
            @RequestParam(required = false) String sort) {
        return catalogue.announced(new Catalogue.Filter(type, country, modality,
                        from == null ? null : from.toInstant(), to == null ? null : to.toInstant()),
                PageQuery.parse(page, size, sort, Set.of("startsAt", "title"), "startsAt,asc"));
    }

    /** Public for announced events; organizers also see drafts. */
    @GetMapping("/{id}")
    CatalogueEntry get(@PathVariable UUID id, Authentication caller) {
        boolean organizer = caller != null && caller.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority).anyMatch("ROLE_organizer"::equals);
        return catalogue.get(id, organizer);
    }

    @PostMapping
    ResponseEntity<CatalogueEntry> draft(@Valid @RequestBody EventRequest request) {
        CatalogueEntry event = catalogue.draft(request.toNewEvent());
        return ResponseEntity.created(URI.create("/api/v1/events/" + event.id())).body(event);
    }

    @PostMapping("/{id}/announcement")
    CatalogueEntry announce(@PathVariable UUID id) {
        return catalogue.announce(id);
    }

    record VenueRequest(@NotBlank @Size(max = 120) String city, @NotNull @IsoCountry String country,
                        @NotBlank @Size(max = 300) String address) {
    }

    record EventRequest(
            @NotNull EventKind type,
            @NotBlank @Size(max = 300) String titleEs,
            @Size(min = 1, max = 300) String titleEn,
            @Size(max = 5000) String descriptionEs,
            @Size(max = 5000) String descriptionEn,
            @NotNull @Pattern(regexp = "VIRTUAL|IN_PERSON|HYBRID") String modality,
            @Valid VenueRequest venue,
            @Size(max = 500) @Pattern(regexp = "https://\\S+") String onlineLink,
            @NotNull OffsetDateTime startsAt,
            @NotNull OffsetDateTime endsAt,
            @NotBlank @IanaTimeZone String timeZone,
            @Min(0) @Max(100_000) int capacity,
            boolean waitlistEnabled,
            OffsetDateTime registrationOpensAt,
            OffsetDateTime registrationClosesAt,
            @NotNull @Pattern(regexp = "PUBLIC|MEMBERS_ONLY") String audience,
            @Positive Integer memberQuota,
            boolean requiresApproval) {

        @AssertTrue(message = "{events.validation.ends-after-start}")
        boolean isEndsAt() {
            return startsAt == null || endsAt == null || endsAt.isAfter(startsAt);
        }

        @AssertTrue(message = "{events.validation.venue-required}")
        boolean isVenue() {
            return modality == null || modality.equals("VIRTUAL") || venue != null;
        }

        @AssertTrue(message = "{events.validation.online-link-required}")
        boolean isOnlineLink() {
            return modality == null || modality.equals("IN_PERSON") || onlineLink != null;
        }

        @AssertTrue(message = "{events.validation.registration-window}")
        boolean isRegistrationClosesAt() {
            return registrationClosesAt == null || ((registrationOpensAt == null || registrationClosesAt.isAfter(registrationOpensAt))
                    && (startsAt == null || !registrationClosesAt.isAfter(startsAt)));
        }

        Catalogue.NewEvent toNewEvent() {
            return new Catalogue.NewEvent(type, titleEs.strip(), titleEn, descriptionEs, descriptionEn, modality,
                    venue == null ? null : new CatalogueEntry.Venue(venue.city(), venue.country(), venue.address()),
                    onlineLink, startsAt.toInstant(), endsAt.toInstant(), timeZone, capacity, waitlistEnabled,
                    registrationOpensAt == null ? null : registrationOpensAt.toInstant(),
                    registrationClosesAt == null ? null : registrationClosesAt.toInstant(), audience, memberQuota,
                    requiresApproval);
        }
    }
}
