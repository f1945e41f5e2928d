package org.redciudades.chassis.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A domain error with a stable problem type. Its title and detail come from the message bundles,
 * under {@code problem.<slug>.title} and {@code problem.<slug>.detail} (with {@link #arguments()}),
 * in the request's language; {@link #properties()} become extra members of the problem+json body.
 */
public class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String slug;
    private final Object[] arguments;
    private final Map<String, Object> properties = new LinkedHashMap<>();

    public ProblemException(HttpStatus status, String slug, Object... arguments) {
        super(slug);
        this.status = status;
        this.slug = slug;
        this.arguments = arguments;
    }

    public ProblemException with(String property, Object value) {
        properties.put(property, value);
        return this;
    }

    public HttpStatus status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public Object[] arguments() {
        return arguments.clone();
    }

    public Map<String, Object> properties() {
        return Map.copyOf(properties);
    }
}
