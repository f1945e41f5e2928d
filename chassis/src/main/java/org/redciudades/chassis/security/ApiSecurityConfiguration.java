package org.redciudades.chassis.security;

import org.redciudades.chassis.web.Problems;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Every service is a stateless OAuth2 resource server for JWT bearer tokens. The decoder is Spring
 * Boot's, from {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} in every profile (discovery, then
 * the provider's JWKS); {@link CallerTokenConverter} reads the
 * {@link Caller} (roles, verified email) from the claims {@link SecurityProperties} names.
 * Refusals are problem+json like every other error, keeping the standard {@code WWW-Authenticate}.
 */
@AutoConfiguration
@EnableWebSecurity
@EnableConfigurationProperties(SecurityProperties.class)
public class ApiSecurityConfiguration {

    /**
     * The tokens' time check with the configured clock skew. Boot adds its issuer and audience checks to this one, and
     * Spring Security adds its own time check only when there is none (JwtValidators.createDefaultWithValidators).
     */
    @Bean
    OAuth2TokenValidator<Jwt> tokenTimes(SecurityProperties properties) {
        return new JwtTimestampValidator(properties.clockSkew());
    }

    /**
     * Boot's decoder, behind a memory of the tokens it verified ({@link VerifiedTokens}), unless
     * {@code chassis.security.verified-tokens} is 0. Static, as a post-processor must be; the properties are read when
     * the decoder is made.
     */
    @Bean
    static BeanPostProcessor verifiedTokens(ObjectProvider<SecurityProperties> properties) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof JwtDecoder decoder && !(bean instanceof VerifiedTokens)) {
                    SecurityProperties settings = properties.getObject();
                    if (settings.verifiedTokens() > 0) {
                        // the clock JwtTimestampValidator checks against
                        return new VerifiedTokens(decoder, settings.verifiedTokens(), settings.clockSkew(),
                                Clock.systemUTC());
                    }
                }
                return bean;
            }
        };
    }

    @Bean
    CallerTokenConverter callerTokenConverter(SecurityProperties properties) {
        return new CallerTokenConverter(properties);
    }

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ObjectProvider<ApiAccess> serviceRules, Problems problems,
                                    SecurityProperties properties, CallerTokenConverter callers)
            throws Exception {
        BearerTokenAuthenticationEntryPoint bearerEntryPoint = new BearerTokenAuthenticationEntryPoint();
        BearerTokenAccessDeniedHandler bearerDenied = new BearerTokenAccessDeniedHandler();
        AuthenticationEntryPoint unauthorized = (request, response, e) -> {
            bearerEntryPoint.commence(request, response, e);
            problems.write(request, response, HttpStatus.UNAUTHORIZED, "unauthorized");
        };
        AccessDeniedHandler forbidden = (request, response, e) -> {
            bearerDenied.handle(request, response, e);
            problems.write(request, response, HttpStatus.FORBIDDEN, "forbidden");
        };
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(rules -> {
                    rules.requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/liveness",
                            "/actuator/health/readiness", "/actuator/info").permitAll();
                    if (properties.publicMetrics()) {
                        rules.requestMatchers(HttpMethod.GET, "/actuator/prometheus").permitAll();
                    } else {
                        rules.requestMatchers("/actuator/prometheus").hasRole(Roles.OPS);
                    }
                    rules.requestMatchers("/actuator/**").denyAll();
                    rules.requestMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml",
                            "/swagger-ui.html", "/swagger-ui/**").permitAll();
                    rules.requestMatchers("/error").permitAll();
                    serviceRules.orderedStream().forEach(rule -> rule.configure(rules));
                    rules.anyRequest().authenticated();
                })
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(callers))
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden));
        return http.build();
    }

    /** Requests the firewall refuses (encoded slashes, null bytes...) get a problem+json 400 too. */
    @Bean
    RequestRejectedHandler problemRequestRejectedHandler(Problems problems) {
        return (request, response, e) -> problems.write(request, response, HttpStatus.BAD_REQUEST, "bad-request");
    }
}
