package org.redciudades.notification.delivery;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.format.TextStyle;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * Renders a message from the bundles {@code messages*.properties}: the base bundle is Spanish (es-MX),
 * English is {@code _en}. Subject and body are looked up in one locale, so a missing English
 * translation gives a wholly Spanish message, never a mix.
 */
@Component
public class MessageCatalog {

    public static final Locale SPANISH_MEXICO = Locale.forLanguageTag("es-MX");

    private final MessageSource messages;

    MessageCatalog(MessageSource messages) {
        this.messages = messages;
    }

    /** The locale a message is written in: English if asked for and available, else es-MX. */
    public static Locale localeOf(String tag) {
        return tag != null && tag.toLowerCase(Locale.ROOT).startsWith("en") ? Locale.ENGLISH : SPANISH_MEXICO;
    }

    public Notifications.RenderedMessage render(String template, String recipient, Locale locale, Object... args) {
        Locale effective = hasTemplate(template, locale) ? locale : SPANISH_MEXICO;
        String subject = messages.getMessage(template + ".subject", args, effective);
        // a line left empty by an optional argument leaves no gap
        String body = messages.getMessage(template + ".body", args, effective).replaceAll("\n{3,}", "\n\n");
        String html = Arrays.stream(body.split("\n\n"))
                .map(paragraph -> "<p>" + HtmlUtils.htmlEscape(paragraph, "UTF-8").replace("\n", "<br>") + "</p>")
                .collect(Collectors.joining("\n", "<!DOCTYPE html><html lang=\"" + effective.toLanguageTag()
                        + "\"><head><meta charset=\"utf-8\"><title>" + HtmlUtils.htmlEscape(subject, "UTF-8")
                        + "</title></head><body>\n", "\n</body></html>"));
        return new Notifications.RenderedMessage(recipient, template, effective.toLanguageTag(), subject, body, html, null, null,
                null);
    }

    /**
     * The locale a template will be written in for someone who reads {@code locale}: the same choice
     * {@link #render} makes, so that the pieces passed to a template are in the template's language.
     */
    public Locale effectiveLocale(String template, Locale locale) {
        return hasTemplate(template, locale) ? locale : SPANISH_MEXICO;
    }

    /** A piece of text from the bundles, such as a line a template includes. */
    public String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    /**
     * When an event happens, in the reader's language and in the event's own time zone, naming the zone:
     * "miércoles, 10 de marzo de 2027, de 09:00 a 13:00 (hora de Guatemala, America/Guatemala)".
     */
    public String when(Instant startsAt, Instant endsAt, String timeZone, Locale locale) {
        ZoneId zone = ZoneId.of(timeZone);
        ZonedDateTime start = startsAt.atZone(zone);
        ZonedDateTime end = endsAt.atZone(zone);
        DateTimeFormatter date = DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale);
        DateTimeFormatter time = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale);
        String zoneName = zone.getDisplayName(TextStyle.FULL, locale) + ", " + zone.getId();
        if (start.toLocalDate().equals(end.toLocalDate())) {
            return text("when.same-day", locale, date.format(start), time.format(start), time.format(end), zoneName);
        }
        return text("when.several-days", locale, date.format(start), time.format(start), date.format(end),
                time.format(end), zoneName);
    }

    /** True if every part of the template exists in {@code locale} itself, not only through the Spanish fallback. */
    private boolean hasTemplate(String template, Locale locale) {
        if (locale.equals(SPANISH_MEXICO)) {
            return true;
        }
        return Stream.of(".subject", ".body").allMatch(part -> {
            String translated = messages.getMessage(template + part, null, null, locale);
            return translated != null && !translated.equals(messages.getMessage(template + part, null, null, SPANISH_MEXICO));
        });
    }
}
