package org.redciudades.events;

import org.redciudades.chassis.security.ApiAccess;
import org.redciudades.chassis.security.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

@Configuration
class EventsApiAccess {

    /**
     * The catalogue is public; organizers run events and their registrations. Registering, seeing or
     * cancelling a registration, listing one's own registrations and one's own eligibility need only a
     * signed-in person: what each may do follows from who they are (Requester, StaffContacts), someone
     * else's registration is not found, and one's own list holds only what one made.
     * The eligibility of any institution is for organizers. Registering for a PUBLIC event without an
     * account, and seeing or cancelling such a registration through its manage link, need no token: the
     * link's token is the proof (GuestLinks), and abuse is limited per email and client address (GuestLimits).
     */
    @Bean
    ApiAccess eventsApiRules() {
        return rules -> rules
                .requestMatchers(HttpMethod.GET, "/api/v1/events", "/api/v1/events/*").permitAll()
                .requestMatchers(HttpMethod.POST, "/api/v1/events/*/guest-registrations").permitAll()
                .requestMatchers(HttpMethod.GET, "/api/v1/guest-registrations/*").permitAll()
                .requestMatchers(HttpMethod.POST, "/api/v1/guest-registrations/*/cancellation").permitAll()
                .requestMatchers(HttpMethod.POST, "/api/v1/events/*/registrations").authenticated()
                .requestMatchers(HttpMethod.GET, "/api/v1/registrations/mine").authenticated()
                .requestMatchers(HttpMethod.GET, "/api/v1/registrations/*").authenticated()
                .requestMatchers(HttpMethod.POST, "/api/v1/registrations/*/cancellation").authenticated()
                .requestMatchers("/api/v1/events/**", "/api/v1/registrations/**").hasRole(Roles.ORGANIZER)
                .requestMatchers(HttpMethod.GET, "/api/v1/eligibility/me").authenticated()
                .requestMatchers("/api/v1/eligibility/**").hasRole(Roles.ORGANIZER);
    }
}
