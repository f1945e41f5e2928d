package org.redciudades.portal.ops;

import java.util.Arrays;
import java.util.Optional;
import org.redciudades.portal.services.ServiceApis;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.RestClient;
import org.springframework.web.server.ResponseStatusException;

/**
 * The services ops look after, as the ops pages' addresses name them ({@code /ops/dead-letters/events/...}). Each has
 * the chassis' ops API: its status and its dead letters.
 */
public enum OpsService {

    MEMBERSHIP("membership", "membership-service"),
    EVENTS("events", "events-service"),
    NOTIFICATION("notification", "notification-service");

    private final String path;
    private final String serviceName;

    OpsService(String path, String serviceName) {
        this.path = path;
        this.serviceName = serviceName;
    }

    /** Its segment in the pages' addresses, and the key of its name in the bundle ({@code ops.service.<path>}). */
    public String path() {
        return path;
    }

    /** The service's own name, as its logs, metrics and dashboards have it. */
    public String serviceName() {
        return serviceName;
    }

    RestClient client(ServiceApis services) {
        return switch (this) {
            case MEMBERSHIP -> services.membership();
            case EVENTS -> services.events();
            case NOTIFICATION -> services.notification();
        };
    }

    static Optional<OpsService> of(String path) {
        return Arrays.stream(values()).filter(service -> service.path.equals(path)).findFirst();
    }

    /** The service a page's address names; an unknown one is the page's 404. */
    static OpsService named(String path) {
        return of(path).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }
}
