package org.redciudades.portal.ops;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import org.redciudades.portal.PortalProperties;
import org.redciudades.portal.catalogue.EventTimes;
import org.redciudades.portal.security.SignedInPerson;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The ops' first page: each service ready or not, its outbox backlog, its consumers' lag and its dead letters waiting,
 * as its ops status says; a service that does not answer is shown as such. Links to the dashboards when they are set.
 */
@Controller
class HealthController {

    private final ServiceHealth health;
    private final OpsProperties properties;
    private final PortalProperties portal;
    private final EventTimes times;

    HealthController(ServiceHealth health, OpsProperties properties, PortalProperties portal, EventTimes times) {
        this.health = health;
        this.properties = properties;
        this.portal = portal;
        this.times = times;
    }

    @GetMapping("/ops")
    String health(Locale locale, Authentication authentication, Model model) {
        ZoneId zone = readerZone(authentication, portal);
        model.addAttribute("services", health.all(locale));
        model.addAttribute("checkedAt", times.moment(Instant.now(), zone, locale));
        model.addAttribute("dashboards", properties.dashboardsUrl());
        model.addAttribute("alerts", properties.prometheusAlerts());
        model.addAttribute("opsSection", "health");
        return "ops/health";
    }

    static ZoneId readerZone(Authentication authentication, PortalProperties portal) {
        return SignedInPerson.from(authentication).flatMap(SignedInPerson::zone).orElse(portal.defaultZone());
    }
}
