package org.redciudades.portal.catalogue;

import java.util.List;
import java.util.Locale;

/** A country of the network (Mexico and Central America), named in the reader's language. */
public record Country(String code, String name) {

    /** The network's countries, Mexico first. */
    public static final List<String> NETWORK = List.of("MX", "BZ", "GT", "SV", "HN", "NI", "CR", "PA");

    public Country(String code, Locale locale) {
        this(code, Locale.of("", code).getDisplayCountry(locale));
    }

    /** Every country of the network, for a select. */
    public static List<Country> ofNetwork(Locale locale) {
        return NETWORK.stream().map(code -> new Country(code, locale)).toList();
    }
}
