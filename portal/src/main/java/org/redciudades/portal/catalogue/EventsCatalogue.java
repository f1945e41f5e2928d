package org.redciudades.portal.catalogue;

import java.time.ZoneId;
import java.util.UUID;
import org.redciudades.portal.services.ServiceApis;
import org.redciudades.portal.web.ResultPage;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriBuilder;

/** events-service's public catalogue, read anonymously: what anyone may see, never an online link. */
@Component
public class EventsCatalogue {

    static final int PAGE_SIZE = 10;

    private final ServiceApis services;

    EventsCatalogue(ServiceApis services) {
        this.services = services;
    }

    /** Announced events, soonest first; the filter's days run from midnight to midnight in {@code zone}. */
    public ResultPage<CatalogueEntry> list(CatalogueFilter filter, ZoneId zone) {
        return services.events().get().uri(uri -> {
                    UriBuilder builder = uri.path("/api/v1/events")
                            .queryParam("page", filter.pageOrFirst())
                            .queryParam("size", PAGE_SIZE)
                            .queryParam("sort", "startsAt,asc");
                    optional(builder, "type", filter.type());
                    optional(builder, "country", filter.country());
                    optional(builder, "modality", filter.modality());
                    if (filter.from() != null) {
                        builder.queryParam("from", filter.from().atStartOfDay(zone).toInstant());
                    }
                    if (filter.to() != null) {
                        builder.queryParam("to", filter.to().plusDays(1).atStartOfDay(zone).toInstant());
                    }
                    return builder.build();
                })
                .retrieve()
                .body(new ParameterizedTypeReference<ResultPage<CatalogueEntry>>() { });
    }

    public CatalogueEntry get(UUID id) {
        return services.events().get().uri("/api/v1/events/{id}", id).retrieve().body(CatalogueEntry.class);
    }

    private static void optional(UriBuilder builder, String name, String value) {
        if (value != null && !value.isBlank()) {
            builder.queryParam(name, value);
        }
    }
}
