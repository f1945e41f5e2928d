package org.redciudades.portal.services;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.ClientHttpResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service's error answer, read from its problem+json (RFC 9457, chassis/API.md): the kind ({@code type}'s last
 * segment, such as {@code no-member-institution}), and the title, detail and field errors in the reader's language.
 * Pages show it through {@link ProblemMessages}, never as it came.
 */
public class ServiceProblem extends RuntimeException {

    private static final String TYPE_PREFIX = "https://redciudades.org/problems/";
    private static final int MAX_BODY = 64 * 1024;

    private final String service;
    private final int status;
    private final String type;
    private final String title;
    private final String detail;
    private final List<FieldError> errors;
    private final Long retryAfterSeconds;

    public ServiceProblem(String service, int status, String type, String title, String detail, List<FieldError> errors) {
        this(service, status, type, title, detail, errors, null);
    }

    public ServiceProblem(String service, int status, String type, String title, String detail, List<FieldError> errors,
                          Long retryAfterSeconds) {
        super(service + " answered " + status + (type == null ? "" : " " + type));
        this.service = service;
        this.status = status;
        this.type = type;
        this.title = title;
        this.detail = detail;
        this.errors = List.copyOf(errors);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** One invalid field, as the service named it, and why. */
    public record FieldError(String field, String reason) {
    }

    static ServiceProblem read(String service, ClientHttpResponse response, JsonMapper json) throws IOException {
        int status = response.getStatusCode().value();
        Long retryAfter = retryAfter(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER));
        JsonNode body;
        try (InputStream in = response.getBody()) {
            body = json.readTree(in.readNBytes(MAX_BODY));
        } catch (JacksonException | IOException e) {
            body = null;   // not JSON: a proxy's page, or nothing
        }
        if (body == null || !body.isObject()) {
            return new ServiceProblem(service, status, null, null, null, List.of(), retryAfter);
        }
        List<FieldError> errors = new ArrayList<>();
        for (JsonNode error : body.path("errors")) {
            errors.add(new FieldError(error.path("field").asString(""), error.path("reason").asString("")));
        }
        String type = text(body, "type");
        if (type != null && type.startsWith(TYPE_PREFIX)) {
            type = type.substring(TYPE_PREFIX.length());
        }
        return new ServiceProblem(service, status, type, text(body, "title"), text(body, "detail"), errors, retryAfter);
    }

    /** Retry-After in seconds (the services send seconds, never a date); null when absent or not a number. */
    private static Long retryAfter(String header) {
        try {
            return header == null ? null : Math.max(0, Long.parseLong(header.strip()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value == null || !value.isString() || value.asString().isBlank() ? null : value.asString();
    }

    public String service() {
        return service;
    }

    public int status() {
        return status;
    }

    /** The kind of problem, such as {@code event-full}; null when the answer was not a problem+json. */
    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return detail;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** When the service said to try again (429, 503), in seconds; else null. */
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public boolean is(String kind) {
        return kind.equals(type);
    }
}
