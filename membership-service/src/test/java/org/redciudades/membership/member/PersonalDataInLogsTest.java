package org.redciudades.membership.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.testing.StructuredLogs;
import org.redciudades.chassis.testing.TestJson;
import org.redciudades.membership.Application;
import org.redciudades.membership.Application.Contact;
import org.redciudades.membership.MembershipScenario;
import org.redciudades.membership.MembershipScenario.Agreement;
import org.redciudades.membership.MembershipServiceTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;

@MembershipServiceTest
@StructuredLogs
class PersonalDataInLogsTest {

    @Autowired
    MembershipScenario scenario;

    @Test
    void a_whole_onboarding_with_bad_requests_along_the_way_logs_no_contact_name_or_email(CapturedOutput output) {
        Application application = Application.unique().withContact(new Contact("Xóchitl Quetzal Ramírez",
                "xochitl.quetzal@implan-torreon.example.mx", "Coordinadora de Vinculación", "es-MX", true));

        scenario.api().send("POST", "/api/v1/applications", null, "application/x-www-form-urlencoded",
                application.json().getBytes(StandardCharsets.UTF_8), Map.of());
        scenario.apply(application.inCountry("XX"));
        scenario.apply(TestJson.write(application, "/contacts/0/primary", "sí"));
        String id = scenario.applied(application);
        scenario.act(id, "approval", null);
        scenario.act(id, "agreement", Agreement.implanTorreon());
        scenario.act(id, "agreement", Agreement.implanTorreon());
        scenario.published(id, 3);

        assertThat(output.getAll()).doesNotContain("Xóchitl").doesNotContain("Quetzal").doesNotContain("xochitl.quetzal");
    }

    @Test
    void an_email_that_some_library_logs_anyway_is_masked_in_the_json_logs(CapturedOutput output) {
        org.slf4j.LoggerFactory.getLogger("org.example.SomeLibrary")
                .warn("duplicate key value violates unique constraint: Key (email)=(ana.lopez@municipio.example.gt)");

        assertThat(output.getAll()).contains("Key (email)=(***@municipio.example.gt)").doesNotContain("ana.lopez@");
    }
}
