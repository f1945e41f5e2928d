package org.redciudades.chassis.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A service's own access rules for its API, declared as a bean. The chassis adds the rules every
 * service shares (probes, metrics, API docs) before them, and "authenticated" for anything not named.
 */
@FunctionalInterface
public interface ApiAccess {

    void configure(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules);
}
