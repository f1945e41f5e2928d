package org.redciudades.events;

import org.redciudades.chassis.security.ApiAccess;
import org.redciudades.chassis.security.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

@Configuration
class EventsApiAccess {

    /** The catalogue of announced events is public; organizers draft and announce events; eligibility is for organizers, and for members about themselves. */
    @Bean
    ApiAccess eventsApiRules() {
        return rules -> rules
                .requestMatchers(HttpMethod.GET, "/api/v1/events", "/api/v1/events/*").permitAll()
                .requestMatchers(HttpMethod.POST, "/api/v1/events/*/registrations").hasRole(Roles.MEMBER)
                .requestMatchers(HttpMethod.POST, "/api/v1/events", "/api/v1/events/*/announcement",
                        "/api/v1/registrations/*/cancellation").hasRole(Roles.ORGANIZER)
                .requestMatchers(HttpMethod.GET, "/api/v1/eligibility/me").hasRole(Roles.MEMBER)
                .requestMatchers("/api/v1/eligibility/**").hasRole(Roles.ORGANIZER);
    }
}
