package org.redciudades.chassis.testing;

import java.net.http.HttpResponse;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;

/**
 * What every service's test scenario starts from: a client of the service the test context runs, and
 * its answers read as JSON. Each service's scenario adds its users' steps in their own words.
 */
public abstract class ServiceScenario {

    private final Environment environment;

    protected ServiceScenario(Environment environment) {
        this.environment = environment;
    }

    /** A client of the running service; the port is known once its server has started. */
    public ApiClient api() {
        return new ApiClient(environment.getRequiredProperty("local.server.port", Integer.class));
    }

    /** A POST of {@code body} (a record, written as JSON; null for none) by whoever holds {@code token}. */
    public HttpResponse<String> post(String path, String token, Object body) {
        return api().post(path, token, body == null ? null : TestJson.write(body));
    }

    public HttpResponse<String> put(String path, String token, Object body) {
        return api().put(path, token, TestJson.write(body));
    }

    public JsonNode body(HttpResponse<String> response) {
        return TestJson.read(response.body());
    }
}
