package org.redciudades.portal.inbox;

import jakarta.servlet.http.HttpServletRequest;
import java.time.ZoneId;
import java.util.Locale;
import java.util.UUID;
import org.redciudades.portal.PortalProperties;
import org.redciudades.portal.catalogue.EventTimes;
import org.redciudades.portal.security.SignedInPerson;
import org.redciudades.portal.web.ResultPage;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The inbox: the person's in-app messages, newest first, the unread ones marked in words; opening one shows it whole
 * and marks it read, and "Mark as read" does so from the list (with htmx, in place).
 */
@Controller
class InboxController {

    static final int PAGE_SIZE = 20;
    static final int SNIPPET = 160;

    private final InboxMessages inbox;
    private final EventTimes times;
    private final PortalProperties properties;

    InboxController(InboxMessages inbox, EventTimes times, PortalProperties properties) {
        this.inbox = inbox;
        this.times = times;
        this.properties = properties;
    }

    /** A message as the list shows it: when it came, in the reader's zone, and its first lines. */
    record Shown(InboxMessages.Item item, EventTimes.Shown received, String snippet) {
    }

    @GetMapping("/inbox")
    String list(@RequestParam(defaultValue = "0") int page, Locale locale, Authentication authentication, Model model,
                HttpServletRequest request) {
        ResultPage<InboxMessages.Item> messages = inbox.page(Math.max(page, 0), PAGE_SIZE);
        long unread = inbox.unread();
        UnreadMessages.known(request, unread);
        ZoneId zone = readerZone(authentication);
        model.addAttribute("messages", messages.items().stream()
                .map(item -> new Shown(item, times.moment(item.createdAt(), zone, locale), snippet(item.text()))).toList());
        model.addAttribute("page", messages);
        model.addAttribute("unread", unread);
        messages.addLinks(model, number -> "/inbox?page=" + number);
        return "inbox/inbox";
    }

    /** Opens a message: the whole of it, and read from now on. */
    @GetMapping("/inbox/{id}")
    String open(@PathVariable UUID id, Locale locale, Authentication authentication, Model model) {
        InboxMessages.Item item = inbox.markRead(id);
        model.addAttribute("message", item);
        model.addAttribute("received", times.moment(item.createdAt(), readerZone(authentication), locale));
        return "inbox/message";
    }

    /** Marks one read from the list, and goes back to the same page of it, where the message takes the focus. */
    @PostMapping("/inbox/{id}/read")
    String markRead(@PathVariable UUID id, @RequestParam(defaultValue = "0") int page, RedirectAttributes redirect) {
        inbox.markRead(id);
        redirect.addFlashAttribute("marked", id);
        return "redirect:/inbox" + (page > 0 ? "?page=" + page : "");
    }

    private ZoneId readerZone(Authentication authentication) {
        return SignedInPerson.from(authentication).flatMap(SignedInPerson::zone).orElse(properties.defaultZone());
    }

    /** The first words of a message, cut at a space, for the list. */
    static String snippet(String text) {
        if (text == null) {
            return "";
        }
        String flat = text.replaceAll("\\s+", " ").strip();
        if (flat.length() <= SNIPPET) {
            return flat;
        }
        int cut = flat.lastIndexOf(' ', SNIPPET);
        return flat.substring(0, cut > SNIPPET / 2 ? cut : SNIPPET) + "…";
    }
}
