package org.redciudades.notification.inbox;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
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

/** The caller's own inbox; the person is their verified email. */
@Tag(name = "Inbox", description = "The caller's own in-app messages: every message sent to the caller's verified "
        + "email also lands here.")
@RestController
@RequestMapping("/api/v1/inbox")
class InboxController {

    record UnreadCount(long unread) {
    }

    private final Inbox inbox;

    InboxController(Inbox inbox) {
        this.inbox = inbox;
    }

    @Operation(operationId = "listInboxItems", summary = "List the caller's messages",
            description = "Anyone signed in with a verified email (else 403 `no-email-claim`): their own messages, "
                    + "newest first, optionally only the unread. Paged; `sort` by `createdAt`.")
    @GetMapping
    PageQuery.Page<Inbox.Item> list(@RequestParam(required = false) Boolean unread,
                                    @RequestParam(required = false) Integer page,
                                    @RequestParam(required = false) Integer size,
                                    @RequestParam(required = false) String sort,
                                    Authentication caller) {
        return inbox.of(emailOf(caller), Boolean.TRUE.equals(unread),
                PageQuery.parse(page, size, sort, Set.of("createdAt"), "createdAt,desc"));
    }

    @Operation(operationId = "countUnreadInboxItems", summary = "Count the caller's unread messages",
            description = "Anyone signed in with a verified email: how many of their messages are unread.")
    @GetMapping("/unread-count")
    UnreadCount unread(Authentication caller) {
        return new UnreadCount(inbox.unread(emailOf(caller)));
    }

    @Operation(operationId = "markInboxItemRead", summary = "Mark a message read",
            description = "Anyone signed in with a verified email: marks one of their own messages read (404 "
                    + "`inbox-item-not-found` for someone else's).")
    @PostMapping("/{id}/read")
    Inbox.Item markRead(@PathVariable UUID id, Authentication caller) {
        return inbox.markRead(emailOf(caller), id);
    }

    private static String emailOf(Authentication caller) {
        return Caller.of(caller).verifiedEmail()
                .orElseThrow(() -> new ProblemException(HttpStatus.FORBIDDEN, "no-email-claim"));
    }
}
