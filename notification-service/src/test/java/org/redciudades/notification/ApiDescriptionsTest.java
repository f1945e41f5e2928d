package org.redciudades.notification;

import org.redciudades.chassis.testing.ApiDescriptionsContract;

/** The committed openapi.yaml and contracts/asyncapi.yaml say what this service serves and consumes. */
@NotificationServiceTest
class ApiDescriptionsTest extends ApiDescriptionsContract {
}
