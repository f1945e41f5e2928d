package org.redciudades.portal.catalogue;

import jakarta.validation.Valid;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.redciudades.portal.PortalProperties;
import org.redciudades.portal.security.SignedInPerson;
import org.redciudades.portal.web.ResultPage;
import org.springframework.beans.propertyeditors.StringTrimmerEditor;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

/** The public catalogue of announced events, filtered and paged. */
@Controller
class CatalogueController {

    static final List<String> TYPES = List.of("BOOTCAMP", "WORKSHOP", "COURSE", "DIPLOMA", "SITE_VISIT",
            "IN_PERSON_MEETING", "SUMMIT");
    static final List<String> MODALITIES = List.of("VIRTUAL", "IN_PERSON", "HYBRID");

    private final EventsCatalogue catalogue;
    private final EventTimes times;
    private final PortalProperties properties;

    CatalogueController(EventsCatalogue catalogue, EventTimes times, PortalProperties properties) {
        this.catalogue = catalogue;
        this.times = times;
        this.properties = properties;
    }

    /** An empty field of the filter form is no filter. */
    @InitBinder("filter")
    void emptyIsNone(WebDataBinder binder) {
        binder.registerCustomEditor(String.class, new StringTrimmerEditor(true));
    }

    @GetMapping("/")
    String home() {
        return "redirect:/events";
    }

    @GetMapping("/events")
    String catalogue(@Valid @ModelAttribute("filter") CatalogueFilter filter, BindingResult binding, Locale locale,
                     Authentication authentication, Model model) {
        model.addAttribute("types", TYPES);
        model.addAttribute("modalities", MODALITIES);
        model.addAttribute("countries", Country.ofNetwork(locale));
        model.addAttribute("filterInvalid", binding.hasErrors());
        if (binding.hasErrors()) {
            model.addAttribute("events", List.of());
            model.addAttribute("page", ResultPage.empty(EventsCatalogue.PAGE_SIZE));
            return "catalogue/catalogue";
        }
        SignedInPerson person = SignedInPerson.from(authentication).orElse(null);
        ZoneId readerZone = person == null ? null : person.zone().orElse(null);
        ResultPage<CatalogueEntry> page = catalogue.list(filter, readerZone == null ? properties.defaultZone() : readerZone);
        model.addAttribute("events", page.items().stream()
                .map(entry -> EventView.of(entry, locale, readerZone, times, false)).toList());
        model.addAttribute("page", page);
        page.addLinks(model, number -> pageLink(filter, number));
        return "catalogue/catalogue";
    }

    /** The catalogue with the same filter, another page. */
    private static String pageLink(CatalogueFilter filter, int page) {
        UriComponentsBuilder link = UriComponentsBuilder.fromPath("/events");
        addIfPresent(link, "type", filter.type());
        addIfPresent(link, "country", filter.country());
        addIfPresent(link, "modality", filter.modality());
        addIfPresent(link, "from", filter.from());
        addIfPresent(link, "to", filter.to());
        return link.queryParam("page", page).encode().build().toUriString();
    }

    private static void addIfPresent(UriComponentsBuilder link, String name, Object value) {
        if (value != null && !value.toString().isBlank()) {
            link.queryParam(name, value);
        }
    }
}
