package org.redciudades.portal.catalogue;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.time.LocalDate;
import org.springframework.format.annotation.DateTimeFormat;

/**
 * What the reader filters the catalogue by; every field may be empty. Dates are days in the reader's zone.
 */
public record CatalogueFilter(
        @Pattern(regexp = "BOOTCAMP|WORKSHOP|COURSE|DIPLOMA|SITE_VISIT|IN_PERSON_MEETING|SUMMIT") String type,
        @Pattern(regexp = "[A-Z]{2}") String country,
        @Pattern(regexp = "VIRTUAL|IN_PERSON|HYBRID") String modality,
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
        @Min(0) @Max(10_000) Integer page) {

    public int pageOrFirst() {
        return page == null ? 0 : page;
    }
}
