package org.redciudades.portal.inbox;

import jakarta.servlet.http.HttpServletRequest;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signed-in person's count of unread messages, for the header of every page ("Bandeja (3 sin leer)"). Asked
 * for once, when the layout is drawn, after the page's own calls (so a message just opened is no longer counted);
 * when notification-service does not answer quickly, or at all, the count is unknown and the header shows none:
 * the page never fails for it.
 */
public final class UnreadMessages {

    /** The request attribute the layout reads. */
    public static final String ATTRIBUTE = "unreadMessages";
    private static final Logger log = LoggerFactory.getLogger(UnreadMessages.class);

    private final LongSupplier fetch;
    private boolean asked;
    private Long count;

    private UnreadMessages(LongSupplier fetch) {
        this.fetch = fetch;
    }

    /** A count fetched when the layout first asks for it. */
    static UnreadMessages later(LongSupplier fetch) {
        return new UnreadMessages(fetch);
    }

    /** A count the page read already. */
    static void known(HttpServletRequest request, long count) {
        request.setAttribute(ATTRIBUTE, new UnreadMessages(() -> count));
    }

    /** How many messages are unread, or null when notification-service did not say. */
    public Long count() {
        if (!asked) {
            asked = true;
            try {
                count = fetch.getAsLong();
            } catch (RuntimeException e) {
                log.debug("No unread count for the header: {}", e.toString());
                count = null;
            }
        }
        return count;
    }
}
