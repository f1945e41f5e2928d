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

    public JsonNode body(HttpResponse<String> response) {
        return TestJson.read(response.body());
    }
}
