package org.redciudades.chassis.testing;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * What every service's API descriptions must say, proven against the running service: its committed
 * {@code openapi.yaml} is what it serves, and {@code contracts/asyncapi.yaml} declares exactly what it
 * consumes. A service's {@code ApiDescriptionsTest} extends this with the service's own test annotation.
 * After changing the HTTP API, regenerate the document and commit the diff:
 * {@code ./mvnw -B -pl <service> -am verify -Dtest=ApiDescriptionsTest -Dsurefire.failIfNoSpecifiedTests=false -Dopenapi.write=true}
 */
public abstract class ApiDescriptionsContract {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;

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

    @Test
    void the_asyncapi_document_declares_every_event_type_this_service_handles_and_no_other() {
        AsyncApiDeclarations.assertDeclaresWhatItConsumes(context);
    }
}
