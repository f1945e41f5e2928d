package org.redciudades.notification;

import org.redciudades.chassis.security.ApiAccess;
import org.redciudades.chassis.security.Roles;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Bean;

@Configuration
class NotificationApiAccess {

    /**
     * The delivery log is for ops; the inbox and preferences are each person's own (their verified email),
     * for anyone signed in, with or without a role; one-click unsubscribe links carry their own signature.
     */
    @Bean
    ApiAccess notificationApiRules() {
        return rules -> rules
                .requestMatchers("/api/v1/deliveries", "/api/v1/deliveries/**").hasRole(Roles.OPS)
                .requestMatchers("/api/v1/inbox", "/api/v1/inbox/**", "/api/v1/preferences").authenticated()
                .requestMatchers("/api/v1/unsubscribe").permitAll();
    }
}
