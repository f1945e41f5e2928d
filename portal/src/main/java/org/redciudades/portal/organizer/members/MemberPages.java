package org.redciudades.portal.organizer.members;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;
import org.redciudades.portal.PortalProperties;
import org.redciudades.portal.catalogue.EventTimes;
import org.redciudades.portal.security.SignedInPerson;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * What the organizers' member pages share: a member as its page shows it (institution, contacts, agreement and the
 * history as a timeline, dates in the reader's zone and language), and a member as a list shows it.
 */
@Component
class MemberPages {

    /** The actor membership-service records for the steps it takes on its own, such as an agreement's expiry. */
    static final String SYSTEM_ACTOR = "system";

    private final NetworkMembers members;
    private final EventTimes times;
    private final ZoneId defaultZone;

    MemberPages(NetworkMembers members, EventTimes times, PortalProperties properties) {
        this.members = members;
        this.times = times;
        this.defaultZone = properties.defaultZone();
    }

    /**
     * One step of the history. {@code step} names it for the timeline ({@code org.members.timeline.<step>}), from
     * where it went and where to; {@code by} is who took it, null when the service took it on its own.
     */
    record TimelineEntry(String step, String from, String to, String by, String reason, Instant at,
                         EventTimes.Shown when) {
    }

    /** A member in a list: the queue of applications (with its contacts) or a search's results. */
    record Listed(UUID id, String name, String kind, String place, String status, String submitted, String path,
                  List<NetworkMembers.Contact> contacts) {
    }

    /** The agreement's dates, written out in the reader's language. */
    record AgreementDates(String signedOn, String termStart, String termEnd) {
    }

    /** The signed-in person's zone (the token's {@code zoneinfo}), else the portal's default. */
    ZoneId readerZone(Authentication authentication) {
        return SignedInPerson.from(authentication).flatMap(SignedInPerson::zone).orElse(defaultZone);
    }

    /** Everything the member's page and its steps' pages show of it; answers the member. */
    NetworkMembers.Member show(UUID id, Locale locale, ZoneId zone, Model model) {
        NetworkMembers.Member member = members.get(id);
        model.addAttribute("member", member);
        model.addAttribute("place", place(member.institution().city(), member.institution().region(),
                member.institution().country(), locale));
        model.addAttribute("submitted", member.submittedAt() == null ? null
                : times.moment(member.submittedAt(), zone, locale));
        NetworkMembers.Agreement agreement = member.agreement();
        model.addAttribute("agreementDates", agreement == null ? null : new AgreementDates(
                day(agreement.signedOn(), locale), day(agreement.termStart(), locale), day(agreement.termEnd(), locale)));
        model.addAttribute("timeline", timeline(members.history(id), zone, locale));
        return member;
    }

    /** The history, the most recent step first, as a person reads it. */
    List<TimelineEntry> timeline(List<NetworkMembers.Transition> history, ZoneId zone, Locale locale) {
        return history.reversed().stream().map(step -> new TimelineEntry(stepName(step.from(), step.to()),
                step.from(), step.to(), SYSTEM_ACTOR.equals(step.actor()) ? null : step.actor(), step.reason(),
                step.at(), step.at() == null ? null : times.moment(step.at(), zone, locale))).toList();
    }

    /** What happened, by where it went and, for a member becoming active again, where from. */
    static String stepName(String from, String to) {
        if (from == null) {
            return "applied";
        }
        return switch (to) {
            case "UNDER_REVIEW" -> "review";
            case "APPROVED" -> "approved";
            case "REJECTED" -> "rejected";
            case "ACTIVE" -> switch (from) {
                case "APPROVED" -> "activated";
                case "SUSPENDED" -> "reinstated";
                default -> "renewed";
            };
            case "SUSPENDED" -> "suspended";
            case "EXPIRING" -> "expiring";
            case "EXPIRED" -> "expired";
            case "WITHDRAWN" -> "withdrawn";
            default -> "changed";
        };
    }

    Listed listed(NetworkMembers.Summary summary, List<NetworkMembers.Contact> contacts, ZoneId zone, Locale locale) {
        return new Listed(summary.id(), summary.name(), summary.kind(),
                place(summary.city(), summary.region(), summary.country(), locale), summary.status(),
                summary.submittedAt() == null ? null : day(summary.submittedAt().atZone(zone).toLocalDate(), locale),
                path(summary.id(), summary.status()), contacts);
    }

    /** An application still in the organizers' hands has its page among the applications; any other, among members. */
    static String path(UUID id, String status) {
        return (NetworkMembers.APPLICATION_STATUSES.contains(status) ? "/organizer/applications/" : "/organizer/members/")
                + id;
    }

    /** "Xalapa, Veracruz, México": city, region and the country's name in the reader's language. */
    static String place(String city, String region, String country, Locale locale) {
        String countryName = country == null ? null : Locale.of("", country).getDisplayCountry(locale);
        return String.join(", ", Stream.of(city, region, countryName)
                .filter(Objects::nonNull).filter(part -> !part.isBlank()).toList());
    }

    /** "20 de noviembre de 2026"; null for no date. */
    static String day(LocalDate date, Locale locale) {
        return date == null ? null : DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale).format(date);
    }
}
