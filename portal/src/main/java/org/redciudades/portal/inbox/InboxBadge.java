package org.redciudades.portal.inbox;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.http.HttpClient;
import java.time.Duration;
import org.redciudades.portal.security.SignedInPerson;
import org.redciudades.portal.services.ServiceApis;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.client.RestClient;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Gives every page of a signed-in person its {@link UnreadMessages}, which the header's inbox link shows. The count
 * is one cheap call (GET /api/v1/inbox/unread-count), made only when the layout draws the header, and it waits at
 * most {@link #CONNECT} and {@link #READ}: a slow notification-service delays no page by more, and a failed one
 * leaves the count out.
 */
@Configuration(proxyBeanMethods = false)
class InboxBadge implements WebMvcConfigurer, HandlerInterceptor {

    static final Duration CONNECT = Duration.ofMillis(500);
    static final Duration READ = Duration.ofSeconds(1);

    private final RestClient notification;

    InboxBadge(ServiceApis services) {
        var requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder().connectTimeout(CONNECT).build());
        requests.setReadTimeout(READ);
        this.notification = services.notification().mutate().requestFactory(requests).build();
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (SignedInPerson.from(SecurityContextHolder.getContext().getAuthentication()).isPresent()) {
            request.setAttribute(UnreadMessages.ATTRIBUTE, UnreadMessages.later(() -> notification.get()
                    .uri("/api/v1/inbox/unread-count").attributes(ServiceApis.asSignedInPerson()).retrieve()
                    .body(InboxMessages.UnreadCount.class).unread()));
        }
        return true;
    }
}
