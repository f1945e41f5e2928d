package org.redciudades.membership.member;

import java.text.Normalizer;
import java.util.Locale;

/** How institution names are compared: "IMPLAN  Torreón" and "implan torreon" are the same institution. */
final class InstitutionNames {

    private InstitutionNames() {
    }

    static String normalize(String name) {
        String withoutAccents = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return withoutAccents.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }
}
