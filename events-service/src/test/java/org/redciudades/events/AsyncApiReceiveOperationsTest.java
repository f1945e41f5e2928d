package org.redciudades.events;

import org.junit.jupiter.api.Test;
import org.redciudades.chassis.testing.AsyncApiDeclarations;
import org.redciudades.chassis.testing.RealInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ContextConfiguration;

/** contracts/asyncapi.yaml says what this service consumes, as its bindings and handlers do. */
@SpringBootTest
@ContextConfiguration(initializers = RealInfrastructure.class)
class AsyncApiReceiveOperationsTest {

    @Autowired
    ApplicationContext context;

    @Test
    void the_asyncapi_document_declares_every_event_type_this_service_handles_and_no_other() {
        AsyncApiDeclarations.assertDeclaresWhatItConsumes(context);
    }
}
