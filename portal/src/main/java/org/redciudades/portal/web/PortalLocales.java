package org.redciudades.portal.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The portal's language: es-MX or English. In order: the one the person chose with the language switch (remembered in
 * a cookie for a year), then the browser's Accept-Language, then es-MX, the network's language.
 */
public class PortalLocales implements LocaleResolver {

    public static final Locale SPANISH = Locale.forLanguageTag("es-MX");
    public static final Locale ENGLISH = Locale.ENGLISH;
    /** The query parameter of the language switch. */
    public static final String PARAMETER = "lang";
    static final String COOKIE = "portal_lang";
    private static final Duration REMEMBERED_FOR = Duration.ofDays(365);

    private final boolean secureCookie;

    public PortalLocales(boolean secureCookie) {
        this.secureCookie = secureCookie;
    }

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        return chosen(request).or(() -> fromAcceptLanguage(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE)))
                .orElse(SPANISH);
    }

    @Override
    public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
        Locale chosen = locale == null ? null : supported(locale).orElse(SPANISH);
        ResponseCookie cookie = ResponseCookie.from(COOKIE, chosen == null ? "" : chosen.toLanguageTag())
                .path("/").httpOnly(true).secure(secureCookie).sameSite("Lax")
                .maxAge(chosen == null ? Duration.ZERO : REMEMBERED_FOR).build();
        response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
        // The page that is being answered is in the new language already.
        request.setAttribute(COOKIE, chosen);
    }

    private static Optional<Locale> chosen(HttpServletRequest request) {
        if (request.getAttribute(COOKIE) instanceof Locale justChosen) {
            return Optional.of(justChosen);
        }
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            if (COOKIE.equals(cookie.getName()) && !cookie.getValue().isBlank()) {
                return supported(Locale.forLanguageTag(cookie.getValue()));
            }
        }
        return Optional.empty();
    }

    static Optional<Locale> fromAcceptLanguage(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return Optional.empty();
        }
        List<Locale.LanguageRange> ranges;
        try {
            ranges = Locale.LanguageRange.parse(acceptLanguage);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        for (Locale.LanguageRange range : ranges) {
            if (range.getWeight() == 0) {
                continue;   // q=0: "not this one" (RFC 9110, 12.4.2)
            }
            Optional<Locale> locale = supported(Locale.forLanguageTag(range.getRange()));
            if (locale.isPresent()) {
                return locale;
            }
        }
        return Optional.empty();
    }

    /** Any Spanish is es-MX, any English is English; nothing else is offered. */
    public static Optional<Locale> supported(Locale locale) {
        return switch (locale.getLanguage()) {
            case "es" -> Optional.of(SPANISH);
            case "en" -> Optional.of(ENGLISH);
            default -> Optional.empty();
        };
    }
}
