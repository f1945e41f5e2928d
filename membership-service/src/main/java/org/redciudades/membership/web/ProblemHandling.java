package org.redciudades.membership.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.redciudades.membership.member.InvalidTransitionException;
import org.redciudades.membership.member.MemberNotFoundException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** RFC 9457 problem details for the domain's own errors and for invalid fields. */
@RestControllerAdvice
class ProblemHandling extends ResponseEntityExceptionHandler {

    private static final String TYPES = "https://redciudades.org/problems/";

    @ExceptionHandler
    ProblemDetail invalidTransition(InvalidTransitionException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setType(URI.create(TYPES + "invalid-transition"));
        problem.setTitle("Invalid lifecycle step");
        problem.setProperty("currentStatus", e.current());
        problem.setProperty("action", e.action());
        problem.setProperty("allowedActions", e.allowed());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail notFound(MemberNotFoundException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setType(URI.create(TYPES + "not-found"));
        problem.setTitle("Not found");
        return problem;
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = e.getBody();
        problem.setType(URI.create(TYPES + "validation"));
        List<Map<String, String>> errors = e.getBindingResult().getFieldErrors().stream()
                .map(error -> Map.of("field", error.getField(), "reason", String.valueOf(error.getDefaultMessage())))
                .toList();
        problem.setProperty("errors", errors);
        return handleExceptionInternal(e, problem, headers, status, request);
    }
}
