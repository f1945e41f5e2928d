package org.redciudades.portal.catalogue;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;
import org.springframework.stereotype.Component;

/**
 * An event's times as a person reads them: written out in the reader's language, in a named zone ("hora de Cancún,
 * UTC−5"), never a bare offset or a UTC instant.
 */
@Component
public class EventTimes {

    private final MessageSource messages;

    EventTimes(MessageSource messages) {
        this.messages = messages;
    }

    /** A start and an end in one zone, with the zone's name. */
    public record Shown(String when, String zone) {
    }

    /** Start and end in {@code zone}: the full date and both times, or both dates when the event spans days. */
    public Shown full(Instant start, Instant end, ZoneId zone, Locale locale) {
        return range(start, end, zone, locale, FormatStyle.FULL);
    }

    /** As {@link #full}, with a short date, for lists. */
    public Shown brief(Instant start, Instant end, ZoneId zone, Locale locale) {
        return range(start, end, zone, locale, FormatStyle.MEDIUM);
    }

    /** One moment, such as a registration deadline, in {@code zone}. */
    public Shown moment(Instant instant, ZoneId zone, Locale locale) {
        ZonedDateTime at = instant.atZone(zone);
        return new Shown(messages.getMessage("time.moment", new Object[]{date(at, FormatStyle.FULL, locale),
                time(at, locale)}, locale), zoneName(at, locale));
    }

    /** Whether a reader in {@code reader} would read other clock times than the event's zone shows. */
    public static boolean differs(Instant start, Instant end, ZoneId event, ZoneId reader) {
        return !start.atZone(event).toLocalDateTime().equals(start.atZone(reader).toLocalDateTime())
                || !end.atZone(event).toLocalDateTime().equals(end.atZone(reader).toLocalDateTime());
    }

    private Shown range(Instant start, Instant end, ZoneId zone, Locale locale, FormatStyle dateStyle) {
        ZonedDateTime from = start.atZone(zone);
        ZonedDateTime until = end.atZone(zone);
        String when = from.toLocalDate().equals(until.toLocalDate())
                ? messages.getMessage("time.same-day", new Object[]{date(from, dateStyle, locale), time(from, locale),
                time(until, locale)}, locale)
                : messages.getMessage("time.days", new Object[]{date(from, dateStyle, locale), time(from, locale),
                date(until, dateStyle, locale), time(until, locale)}, locale);
        return new Shown(when, zoneName(from, locale));
    }

    private static String date(ZonedDateTime at, FormatStyle style, Locale locale) {
        return DateTimeFormatter.ofLocalizedDate(style).withLocale(locale).format(at);
    }

    private static String time(ZonedDateTime at, Locale locale) {
        return DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale).format(at);
    }

    /** "hora de Cancún, UTC−5": the zone's place in the reader's language (from the bundle) and its offset then. */
    String zoneName(ZonedDateTime at, Locale locale) {
        return messages.getMessage("time.zone", new Object[]{place(at.getZone(), locale), offset(at.getOffset())},
                locale);
    }

    /** A zone's place in the reader's language: the bundle's {@code zone.<id>}, else the city of its IANA id. */
    public String place(ZoneId zone, Locale locale) {
        try {
            return messages.getMessage("zone." + zone.getId(), null, locale);
        } catch (NoSuchMessageException e) {
            String id = zone.getId();
            return id.substring(id.lastIndexOf('/') + 1).replace('_', ' ');
        }
    }

    /** UTC−6, UTC+5:30, UTC: with a real minus sign, as typography has it. */
    public static String offset(ZoneOffset offset) {
        int seconds = offset.getTotalSeconds();
        if (seconds == 0) {
            return "UTC";
        }
        int hours = Math.abs(seconds) / 3600;
        int minutes = Math.abs(seconds) % 3600 / 60;
        return "UTC" + (seconds < 0 ? "\u2212" : "+") + hours + (minutes == 0 ? "" : ":%02d".formatted(minutes));
    }
}
