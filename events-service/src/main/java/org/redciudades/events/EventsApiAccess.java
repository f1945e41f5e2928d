package org.redciudades.events;

import org.redciudades.chassis.security.ApiAccess;
import org.redciudades.chassis.security.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

@Configuration
class EventsApiAccess {

    /**
     * The catalogue is public; organizers run events and their registrations; member staff register, and
     * see or cancel their own registrations (ownership is checked by the service); eligibility is for
     * organizers, and for members about themselves.
     */
    @Bean
    ApiAccess eventsApiRules() {
        return rules -> rules
                .requestMatchers(HttpMethod.GET, "/api/v1/events", "/api/v1/events/*").permitAll()
                .requestMatchers(HttpMethod.POST, "/api/v1/events/*/registrations").hasRole(Roles.MEMBER)
                .requestMatchers(HttpMethod.GET, "/api/v1/registrations/*").hasAnyRole(Roles.ORGANIZER, Roles.MEMBER)
                .requestMatchers(HttpMethod.POST, "/api/v1/registrations/*/cancellation").hasAnyRole(Roles.ORGANIZER, Roles.MEMBER)
                .requestMatchers("/api/v1/events/**", "/api/v1/registrations/**").hasRole(Roles.ORGANIZER)
                .requestMatchers(HttpMethod.GET, "/api/v1/eligibility/me").hasRole(Roles.MEMBER)
                .requestMatchers("/api/v1/eligibility/**").hasRole(Roles.ORGANIZER);
    }
}
