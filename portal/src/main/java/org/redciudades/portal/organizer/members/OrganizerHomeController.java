package org.redciudades.portal.organizer.members;

import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The organizers' start page: what waits for them (applications by step, agreements ending or ended, with counts) and
 * their pages: applications, members, events and check-in.
 */
@Controller
class OrganizerHomeController {

    /** What needs an organizer, in the order it comes, and where each is dealt with. */
    static final List<String> WAITING = List.of("SUBMITTED", "UNDER_REVIEW", "APPROVED", "EXPIRING", "EXPIRED");

    private final NetworkMembers members;

    OrganizerHomeController(NetworkMembers members) {
        this.members = members;
    }

    /** How many members wait in {@code status}, and the page that lists them. */
    record Waiting(String status, long count, String path) {
    }

    @GetMapping("/organizer")
    String home(Model model) {
        List<Waiting> waiting = WAITING.stream().map(status -> new Waiting(status, members.count(status),
                NetworkMembers.APPLICATION_STATUSES.contains(status) ? "/organizer/applications#queue-" + status
                        : "/organizer/members?status=" + status)).toList();
        model.addAttribute("waiting", waiting);
        model.addAttribute("nothingWaits", waiting.stream().allMatch(item -> item.count() == 0));
        return "organizer/members/home";
    }
}
