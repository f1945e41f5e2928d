package org.redciudades.notification.inbox;

import java.util.Set;
import java.util.UUID;
import org.redciudades.chassis.security.Caller;
import org.redciudades.chassis.web.PageQuery;
import org.redciudades.chassis.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own inbox; the person is the token's email claim. */
@RestController
@RequestMapping("/api/v1/inbox")
class InboxController {

    record UnreadCount(long unread) {
    }

    private final Inbox inbox;

    InboxController(Inbox inbox) {
        this.inbox = inbox;
    }

    @GetMapping
    PageQuery.Page<Inbox.Item> list(@RequestParam(required = false) Boolean unread,
                                    @RequestParam(required = false) Integer page,
                                    @RequestParam(required = false) Integer size,
                                    @RequestParam(required = false) String sort,
                                    Authentication caller) {
        return inbox.of(emailOf(caller), Boolean.TRUE.equals(unread),
                PageQuery.parse(page, size, sort, Set.of("createdAt"), "createdAt,desc"));
    }

    @GetMapping("/unread-count")
    UnreadCount unread(Authentication caller) {
        return new UnreadCount(inbox.unread(emailOf(caller)));
    }

    @PostMapping("/{id}/read")
    Inbox.Item markRead(@PathVariable UUID id, Authentication caller) {
        return inbox.markRead(emailOf(caller), id);
    }

    private static String emailOf(Authentication caller) {
        return Caller.of(caller).email().orElseThrow(() -> new ProblemException(HttpStatus.FORBIDDEN, "no-email-claim"));
    }
}
