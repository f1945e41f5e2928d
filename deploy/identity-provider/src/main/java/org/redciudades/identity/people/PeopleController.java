package org.redciudades.identity.people;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code PUT /admin/people/{username}}: creates or replaces a person (bearer token with scope people.write). */
@RestController
class PeopleController {

    private final PeopleDirectory people;

    PeopleController(PeopleDirectory people) {
        this.people = people;
    }

    /** The body; the password in plain text. {@code emailVerified} defaults to true, locale to es-MX. */
    record PersonRequest(String username, String password, String email, Boolean emailVerified, String name,
                         String locale, String zoneinfo, List<String> roles, Map<String, Object> claims) {
    }

    /** What was stored, without the password. */
    record PersonResponse(String username, String email, boolean emailVerified, String name, String locale,
                          String zoneinfo, List<String> roles, Map<String, Object> claims) {
    }

    @PutMapping("/admin/people/{username}")
    ResponseEntity<PersonResponse> put(@PathVariable String username, @RequestBody PersonRequest request) {
        if (request.username() != null && !request.username().equals(username)) {
            throw new IllegalArgumentException("the body's username differs from the path's");
        }
        var person = new Person(username, request.password(), request.email(),
                request.emailVerified() == null || request.emailVerified(), request.name(),
                request.locale() == null ? "es-MX" : request.locale(),
                request.zoneinfo() == null ? "America/Mexico_City" : request.zoneinfo(),
                request.roles(), request.claims());
        boolean created = people.put(person, request.password());
        var response = new PersonResponse(person.username(), person.email(), person.emailVerified(), person.name(),
                person.locale(), person.zoneinfo(), person.roles(), person.claims());
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(response);
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail invalid(IllegalArgumentException e) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid person");
        return problem;
    }
}
