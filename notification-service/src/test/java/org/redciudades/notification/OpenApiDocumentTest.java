package org.redciudades.notification;

import org.junit.jupiter.api.Test;
import org.redciudades.chassis.testing.ApiClient;
import org.redciudades.chassis.testing.OpenApiDocument;
import org.redciudades.chassis.testing.RealInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

/**
 * The committed {@code openapi.yaml} is what the service serves. After changing the API, regenerate it with
 * {@code ./mvnw -B -pl notification-service -am verify -Dtest=OpenApiDocumentTest -Dsurefire.failIfNoSpecifiedTests=false -Dopenapi.write=true}
 * and commit the diff.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = RealInfrastructure.class)
class OpenApiDocumentTest {

    @LocalServerPort
    int port;

    @Test
    void the_committed_openapi_document_is_the_one_the_service_serves() {
        OpenApiDocument.assertCommittedIsServed(new ApiClient(port));
    }

    @Test
    void every_operation_has_a_stable_operation_id_a_summary_a_description_and_a_tag() {
        OpenApiDocument.assertEveryOperationIsDescribed(new ApiClient(port));
    }

    @Test
    void the_operations_documented_as_public_are_exactly_those_that_answer_without_a_token() {
        OpenApiDocument.assertPublicOperationsAreExactlyThoseOpenToAnyone(new ApiClient(port));
    }
}
