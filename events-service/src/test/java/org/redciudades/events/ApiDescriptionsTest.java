package org.redciudades.events;

import org.redciudades.chassis.testing.ApiDescriptionsContract;

/** The committed openapi.yaml and contracts/asyncapi.yaml say what this service serves and consumes. */
@EventsServiceTest
class ApiDescriptionsTest extends ApiDescriptionsContract {
}
