package org.redciudades.membership;

import org.redciudades.chassis.testing.ApiDescriptionsContract;

/** The committed openapi.yaml and contracts/asyncapi.yaml say what this service serves and consumes. */
@MembershipServiceTest
class ApiDescriptionsTest extends ApiDescriptionsContract {
}
