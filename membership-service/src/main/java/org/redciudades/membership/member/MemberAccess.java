package org.redciudades.membership.member;

import org.redciudades.chassis.security.ApiAccess;
import org.redciudades.chassis.security.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

@Configuration
class MemberAccess {

    /** Applying is public; everything about members is for organizers. */
    @Bean
    ApiAccess memberApiAccess() {
        return rules -> rules
                .requestMatchers(HttpMethod.POST, "/api/v1/applications").permitAll()
                .requestMatchers("/api/v1/members/**").hasRole(Roles.ORGANIZER);
    }
}
