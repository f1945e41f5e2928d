package org.redciudades.portal.inbox;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.redciudades.portal.services.ServiceApis;
import org.redciudades.portal.web.ResultPage;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Component;

/**
 * The signed-in person's in-app messages at notification-service, called with their token: every message sent to
 * their verified email lands there too.
 */
@Component
class InboxMessages {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Item(UUID id, String template, String subject, String text, Instant createdAt, Instant readAt) {

        public boolean unread() {
            return readAt == null;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record UnreadCount(long unread) {
    }

    private final ServiceApis services;

    InboxMessages(ServiceApis services) {
        this.services = services;
    }

    /** Newest first. */
    ResultPage<Item> page(int page, int size) {
        return services.notification().get()
                .uri(uri -> uri.path("/api/v1/inbox").queryParam("page", page).queryParam("size", size)
                        .queryParam("sort", "createdAt,desc").build())
                .attributes(ServiceApis.asSignedInPerson())
                .retrieve()
                .body(new ParameterizedTypeReference<ResultPage<Item>>() { });
    }

    long unread() {
        return services.notification().get().uri("/api/v1/inbox/unread-count")
                .attributes(ServiceApis.asSignedInPerson()).retrieve().body(UnreadCount.class).unread();
    }

    /** Marks the message read and answers it; marking it again changes nothing. Someone else's is not found (404). */
    Item markRead(UUID id) {
        return services.notification().post().uri("/api/v1/inbox/{id}/read", id)
                .attributes(ServiceApis.asSignedInPerson()).retrieve().body(Item.class);
    }
}
