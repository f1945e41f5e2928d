package org.redciudades.chassis.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

/**
 * Turns every error of a service's API into {@code application/problem+json}: a stable {@code type},
 * a title and detail in the request's language, and for invalid input each field with its reason.
 * A 500 says nothing about the cause; the cause goes to the log. A database that cannot serve the request
 * now ({@link DatabaseUnavailable}) is a 503 with {@code Retry-After}, not a 500.
 */
@RestControllerAdvice
public class ApiProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

    private final Problems problems;

    public ApiProblems(Problems problems) {
        this.problems = problems;
    }

    @ExceptionHandler
    ResponseEntity<Object> domain(ProblemException e, WebRequest request) {
        ProblemDetail problem = problems.build(e.status(), e.slug(), locale(), e.arguments());
        e.properties().forEach(problem::setProperty);
        return respond(e, problem, new HttpHeaders(), e.status(), request);
    }

    @ExceptionHandler
    ResponseEntity<Object> tooLarge(PayloadTooLargeException e, WebRequest request) {
        return respond(e, problems.build(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", locale()),
                new HttpHeaders(), HttpStatus.CONTENT_TOO_LARGE, request);
    }

    @ExceptionHandler
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e, WebRequest request) {
        ProblemDetail problem = problems.build(HttpStatus.BAD_REQUEST, "validation", locale());
        problem.setProperty("errors", List.of(fieldError(e.getName(), problems.message("problem.reason.wrong-type", locale()))));
        return respond(e, problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
    }

    /** The firewall's verdict on a request part read late, such as a form parameter name. */
    @ExceptionHandler
    ResponseEntity<Object> rejected(RequestRejectedException e, WebRequest request) {
        return respond(e, problems.build(HttpStatus.BAD_REQUEST, "bad-request", locale()), new HttpHeaders(),
                HttpStatus.BAD_REQUEST, request);
    }

    @ExceptionHandler
    ResponseEntity<Object> unexpected(Exception e, WebRequest request) {
        if (DatabaseUnavailable.causedBy(e)) {
            // One line, not a stack trace: in a burst or an outage there are many, and each is expected.
            log.warn("Database unavailable on {}: {}", ((ServletWebRequest) request).getRequest().getRequestURI(), e.toString());
            return respond(e, problems.build(HttpStatus.SERVICE_UNAVAILABLE, Problems.SERVICE_UNAVAILABLE, locale()),
                    new HttpHeaders(), HttpStatus.SERVICE_UNAVAILABLE, request);
        }
        log.error("Unexpected error on {}", ((ServletWebRequest) request).getRequest().getRequestURI(), e);
        return respond(e, problems.build(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", locale()),
                new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = problems.build(HttpStatus.BAD_REQUEST, "validation", locale());
        List<Map<String, String>> errors = new ArrayList<>();
        for (FieldError error : e.getBindingResult().getFieldErrors()) {
            errors.add(fieldError(error.getField(), String.valueOf(error.getDefaultMessage())));
        }
        e.getBindingResult().getGlobalErrors().forEach(error ->
                errors.add(fieldError(error.getObjectName(), String.valueOf(error.getDefaultMessage()))));
        problem.setProperty("errors", errors);
        return respond(e, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = problems.build(HttpStatus.BAD_REQUEST, "validation", locale());
        List<Map<String, String>> errors = new ArrayList<>();
        e.getParameterValidationResults().forEach(result -> result.getResolvableErrors().forEach(error ->
                errors.add(fieldError(String.valueOf(result.getMethodParameter().getParameterName()),
                        String.valueOf(error.getDefaultMessage())))));
        problem.setProperty("errors", errors);
        return respond(e, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    /** Malformed JSON, a value of the wrong type, or a body over the limit. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof PayloadTooLargeException tooLarge) {
                return tooLarge(tooLarge, request);
            }
            if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
                ProblemDetail problem = problems.build(HttpStatus.BAD_REQUEST, "validation", locale());
                problem.setProperty("errors", List.of(fieldError(path(databind.getPath()),
                        problems.message("problem.reason.wrong-type", locale()))));
                return respond(e, problem, headers, HttpStatus.BAD_REQUEST, request);
            }
        }
        return respond(e, problems.build(HttpStatus.BAD_REQUEST, "malformed-body", locale()), headers,
                HttpStatus.BAD_REQUEST, request);
    }

    /** Every other exception that Spring MVC maps to a status: give it our type, title and detail. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        if (body instanceof ProblemDetail problem && problem.getType() != null
                && problem.getType().toString().startsWith(Problems.TYPE_BASE)) {
            return super.handleExceptionInternal(e, problem, headers, status, request);
        }
        ProblemDetail problem = problems.build(status, slugFor(e, status), locale());
        if (e instanceof MissingServletRequestParameterException missing) {
            problem.setProperty("errors", List.of(fieldError(missing.getParameterName(),
                    problems.message("problem.reason.missing", locale()))));
        } else if (e instanceof MissingRequestHeaderException missing) {
            problem.setProperty("errors", List.of(fieldError(missing.getHeaderName(),
                    problems.message("problem.reason.missing", locale()))));
        }
        return respond(e, problem, headers, status, request);
    }

    private ResponseEntity<Object> respond(Exception e, ProblemDetail problem, HttpHeaders headers,
                                           HttpStatusCode status, WebRequest request) {
        if (request instanceof ServletWebRequest servlet) {
            HttpServletRequest http = servlet.getRequest();
            problem.setInstance(Problems.instance(http.getRequestURI()));
        }
        if (status.value() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
            headers.set(HttpHeaders.RETRY_AFTER, problems.retryAfter());
        }
        return super.handleExceptionInternal(e, problem, headers, status, request);
    }

    private static String slugFor(Exception e, HttpStatusCode status) {
        return switch (e) {
            case NoResourceFoundException ignored -> "not-found";
            case NoHandlerFoundException ignored -> "not-found";
            case HttpRequestMethodNotSupportedException ignored -> "method-not-allowed";
            case HttpMediaTypeNotSupportedException ignored -> "unsupported-media-type";
            case HttpMediaTypeNotAcceptableException ignored -> "not-acceptable";
            default -> status.value() == HttpStatus.SERVICE_UNAVAILABLE.value() ? Problems.SERVICE_UNAVAILABLE
                    : status.is5xxServerError() ? "internal-error" : status.value() == 404 ? "not-found" : "bad-request";
        };
    }

    private static String path(List<JacksonException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : references) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static Map<String, String> fieldError(String field, String reason) {
        return Map.of("field", field, "reason", reason);
    }

    private static Locale locale() {
        return LocaleContextHolder.getLocale();
    }
}
