package org.redciudades.chassis.web;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.unit.DataSize;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/** The HTTP conventions every service shares; see {@code chassis/API.md}. */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration",
        "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration"})
public class WebConventionsConfiguration {

    public static final Locale SPANISH_MEXICO = Locale.forLanguageTag("es-MX");

    /** Spanish (Mexico) unless the request's Accept-Language prefers English. */
    @Bean(name = "localeResolver")
    LocaleResolver localeResolver() {
        AcceptHeaderLocaleResolver resolver = new AcceptHeaderLocaleResolver();
        resolver.setSupportedLocales(List.of(SPANISH_MEXICO, Locale.ENGLISH));
        resolver.setDefaultLocale(SPANISH_MEXICO);
        return resolver;
    }

    @Bean
    Problems problems(MessageSource messages, LocaleResolver localeResolver, JsonMapper json,
                      @Value("${chassis.web.retry-after:3s}") Duration retryAfter) {
        return new Problems(messages, localeResolver, json, retryAfter);
    }

    /** Static, as a bean post-processor must be; it reads its one setting straight from the environment. */
    @Bean
    static RequestConnections requestConnections(Environment environment) {
        return new RequestConnections(Binder.get(environment).bind("chassis.web.database-timeout", Duration.class)
                .orElse(Duration.ofSeconds(5)));
    }

    @Bean
    ApiProblems apiProblems(Problems problems) {
        return new ApiProblems(problems);
    }

    @Bean
    ProblemErrorController problemErrorController(Problems problems) {
        return new ProblemErrorController(problems);
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports(Problems problems) {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                host.getPipeline().addValve(new ProblemErrorReportValve(problems));
            }
        });
    }

    /** A text where the API expects a number, or a number where it expects a text, is an error, not a guess. */
    @Bean
    JsonMapperBuilderCustomizer strictScalars() {
        return builder -> builder
                .withCoercionConfig(LogicalType.Textual, config -> config
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Boolean, config -> config
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail))
                .withCoercionConfigDefaults(config -> config
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyArray, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyObject, CoercionAction.Fail));
    }

    /** First of all, so that a request waiting for its turn has cost nothing yet. */
    @Bean
    FilterRegistrationBean<AdmissionFilter> admissionFilter(Problems problems, MeterRegistry meters,
            @Value("${chassis.web.admission.concurrency:16}") int concurrency,
            @Value("${chassis.web.admission.wait:3s}") Duration wait,
            @Value("${management.endpoints.web.base-path:/actuator}") String managementPath) {
        FilterRegistrationBean<AdmissionFilter> registration =
                new FilterRegistrationBean<>(new AdmissionFilter(concurrency, wait, managementPath, problems, meters));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 50);
        return registration;
    }

    @Bean
    FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimitFilter(Problems problems,
            @Value("${chassis.web.max-body-size:64KB}") DataSize limit) {
        FilterRegistrationBean<BodySizeLimitFilter> registration =
                new FilterRegistrationBean<>(new BodySizeLimitFilter(limit.toBytes(), problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
        return registration;
    }

    /** After Spring Security, which tells whose key it is. */
    @Bean
    FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(JdbcClient jdbc, PlatformTransactionManager transactions,
            Problems problems, Clock clock) {
        FilterRegistrationBean<IdempotencyFilter> registration =
                new FilterRegistrationBean<>(new IdempotencyFilter(jdbc, transactions, problems, clock));
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 10);
        return registration;
    }
}
