package org.redciudades.membership.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.redciudades.chassis.testing.KafkaTopics.readUntil;
import static org.redciudades.chassis.testing.KafkaTopics.text;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.security.Roles;
import org.redciudades.chassis.testing.ApiClient;
import org.redciudades.chassis.testing.RealInfrastructure;
import org.redciudades.chassis.testing.StructuredLogs;
import org.redciudades.chassis.testing.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = RealInfrastructure.class)
@StructuredLogs
class PersonalDataInLogsTest {

    @LocalServerPort
    int port;
    @Autowired
    JsonMapper json;

    @Test
    void a_whole_onboarding_with_bad_requests_along_the_way_logs_no_contact_name_or_email(CapturedOutput output) {
        ApiClient api = new ApiClient(port);
        String organizer = TestTokens.withRole(Roles.ORGANIZER);
        String application = MemberOnboardingTest.uniqueApplication()
                .replace("Mariana Ávila Treviño", "Xóchitl Quetzal Ramírez")
                .replaceAll("Mariana\\.Avila\\.[0-9a-f]+@", "xochitl.quetzal@");

        api.send("POST", "/api/v1/applications", null, "application/x-www-form-urlencoded", application.getBytes(), java.util.Map.of());
        api.post("/api/v1/applications", null, application.replace("\"MX\"", "\"XX\""));
        api.post("/api/v1/applications", null, application.replace("\"primary\": true", "\"primary\": \"sí\""));
        String id = json.readTree(api.post("/api/v1/applications", null, application).body()).get("id").asString();
        api.post("/api/v1/members/" + id + "/approval", organizer, "");
        api.post("/api/v1/members/" + id + "/agreement", organizer, MemberOnboardingTest.AGREEMENT);
        api.post("/api/v1/members/" + id + "/agreement", organizer, MemberOnboardingTest.AGREEMENT);
        readUntil(RealInfrastructure.kafkaBrokers(), MemberEvent.TOPIC, Duration.ofSeconds(30),
                read -> read.stream().filter(r -> id.equals(text(r.key()))).count() == 3);

        assertThat(output.getAll()).doesNotContain("Xóchitl").doesNotContain("Quetzal").doesNotContain("xochitl.quetzal");
    }

    @Test
    void an_email_that_some_library_logs_anyway_is_masked_in_the_json_logs(CapturedOutput output) {
        org.slf4j.LoggerFactory.getLogger("org.example.SomeLibrary")
                .warn("duplicate key value violates unique constraint: Key (email)=(ana.lopez@municipio.example.gt)");

        assertThat(output.getAll()).contains("Key (email)=(***@municipio.example.gt)").doesNotContain("ana.lopez@");
    }
}
