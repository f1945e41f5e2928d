package org.redciudades.notification;

import org.redciudades.chassis.security.ApiAccess;
import org.redciudades.chassis.security.Roles;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Bean;

@Configuration
class NotificationApiAccess {

    /** The delivery log is for ops. */
    @Bean
    ApiAccess notificationApiRules() {
        return rules -> rules.requestMatchers("/api/v1/deliveries", "/api/v1/deliveries/**").hasRole(Roles.OPS);
    }
}
