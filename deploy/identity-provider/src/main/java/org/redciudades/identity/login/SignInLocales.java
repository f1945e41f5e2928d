package org.redciudades.identity.login;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The language of the sign-in pages: es-MX or English. In order: the one chosen with the pages' language switch
 * ({@code ?lang=}, kept in the session), then OpenID Connect's {@code ui_locales} on the authorization request that
 * led to the page (saved in the session by Spring Security) or on the page's own URL, then the browser's
 * Accept-Language, then es-MX.
 */
class SignInLocales implements LocaleResolver {

    static final Locale SPANISH = Locale.forLanguageTag("es-MX");
    static final Locale ENGLISH = Locale.ENGLISH;
    private static final String SESSION_ATTRIBUTE = SignInLocales.class.getName() + ".locale";
    private static final String UI_LOCALES = "ui_locales";

    private final RequestCache requestCache = new HttpSessionRequestCache();

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        var session = request.getSession(false);
        if (session != null && session.getAttribute(SESSION_ATTRIBUTE) instanceof Locale chosen) {
            return chosen;
        }
        return fromUiLocales(request.getParameter(UI_LOCALES))
                .or(() -> savedUiLocales(request))
                .or(() -> fromAcceptLanguage(request.getHeader("Accept-Language")))
                .orElse(SPANISH);
    }

    @Override
    public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
        if (locale == null) {
            var session = request.getSession(false);
            if (session != null) {
                session.removeAttribute(SESSION_ATTRIBUTE);
            }
            return;
        }
        request.getSession().setAttribute(SESSION_ATTRIBUTE, supported(locale).orElse(SPANISH));
    }

    private Optional<Locale> savedUiLocales(HttpServletRequest request) {
        var saved = request.getSession(false) == null ? null : requestCache.getRequest(request, null);
        if (saved == null) {
            return Optional.empty();
        }
        var values = saved.getParameterValues(UI_LOCALES);
        return values == null || values.length == 0 ? Optional.empty() : fromUiLocales(values[0]);
    }

    /** {@code ui_locales} is a space-separated list of BCP 47 tags in order of preference. */
    static Optional<Locale> fromUiLocales(String uiLocales) {
        if (uiLocales == null || uiLocales.isBlank()) {
            return Optional.empty();
        }
        for (var tag : uiLocales.strip().split("\\s+")) {
            var locale = supported(Locale.forLanguageTag(tag));
            if (locale.isPresent()) {
                return locale;
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
        for (var range : ranges) {
            if (range.getWeight() > 0) {
                var locale = supported(Locale.forLanguageTag(range.getRange()));
                if (locale.isPresent()) {
                    return locale;
                }
            }
        }
        return Optional.empty();
    }

    /** Any Spanish is es-MX and any English is English; other languages are not offered. */
    static Optional<Locale> supported(Locale locale) {
        return switch (locale.getLanguage()) {
            case "es" -> Optional.of(SPANISH);
            case "en" -> Optional.of(ENGLISH);
            default -> Optional.empty();
        };
    }
}
