package org.redciudades.notification;

import org.redciudades.chassis.security.ApiAccess;
import org.redciudades.chassis.security.Roles;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Bean;

@Configuration
class NotificationApiAccess {

    /**
     * The delivery log is for ops; the inbox and preferences are each person's own (the token's email
     * claim), whatever their role; one-click unsubscribe links carry their own signature.
     */
    @Bean
    ApiAccess notificationApiRules() {
        return rules -> rules
                .requestMatchers("/api/v1/deliveries", "/api/v1/deliveries/**").hasRole(Roles.OPS)
                .requestMatchers("/api/v1/inbox", "/api/v1/inbox/**", "/api/v1/preferences")
                .hasAnyRole(Roles.ORGANIZER, Roles.MEMBER, Roles.OPS)
                .requestMatchers("/api/v1/unsubscribe").permitAll();
    }
}
