package org.redciudades.chassis.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.servlet.LocaleResolver;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds RFC 9457 problem details with a stable {@code type} URI and a title and detail in the
 * request's language, and writes them where Spring MVC's advice cannot: security and servlet filters.
 */
public class Problems {

    public static final String TYPE_BASE = "https://redciudades.org/problems/";
    /** The type of a 503: the service cannot serve the request now, and says when to try again. */
    public static final String SERVICE_UNAVAILABLE = "service-unavailable";

    private final MessageSource messages;
    private final LocaleResolver locales;
    private final JsonMapper json;
    private final Duration retryAfter;

    public Problems(MessageSource messages, LocaleResolver locales, JsonMapper json, Duration retryAfter) {
        this.messages = messages;
        this.locales = locales;
        this.json = json;
        this.retryAfter = retryAfter;
    }

    /** The {@code Retry-After} of every 503, in whole seconds. */
    public String retryAfter() {
        return Long.toString(Math.max(1, retryAfter.toSeconds()));
    }

    public ProblemDetail build(HttpStatusCode status, String slug, Locale locale, Object... arguments) {
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setType(URI.create(TYPE_BASE + slug));
        problem.setTitle(message("problem." + slug + ".title", locale, arguments));
        problem.setDetail(message("problem." + slug + ".detail", locale, arguments));
        return problem;
    }

    /** The request path as the problem's {@code instance}, unless it is not even a valid URI reference. */
    public static URI instance(String path) {
        try {
            return URI.create(path);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public String message(String code, Locale locale, Object... arguments) {
        return messages.getMessage(code, arguments, code, locale);
    }

    public Locale localeOf(HttpServletRequest request) {
        return locales.resolveLocale(request);
    }

    public void write(HttpServletRequest request, HttpServletResponse response, HttpStatusCode status, String slug)
            throws IOException {
        response.setStatus(status.value());
        if (status.value() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
            response.setHeader(HttpHeaders.RETRY_AFTER, retryAfter());
        }
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(json(request, status, slug).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The problem+json body for {@code status}, in the request's language. */
    public String json(HttpServletRequest request, HttpStatusCode status, String slug) {
        ProblemDetail problem = build(status, slug, localeOf(request));
        problem.setInstance(instance(request.getRequestURI()));
        return json.writeValueAsString(problem);
    }
}
