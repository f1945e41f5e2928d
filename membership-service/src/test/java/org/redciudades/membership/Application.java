package org.redciudades.membership;

import java.util.List;
import java.util.UUID;
import org.redciudades.chassis.testing.TestJson;

/** The body of an application to join ({@code POST /api/v1/applications}); null fields are not sent. */
public record Application(Institution institution, String locale, String timeZone, List<Contact> contacts) {

    public record Institution(String name, String kind, String country, String region, String city, String website) {
    }

    public record Contact(String name, String email, String title, String locale, Boolean primary) {

        /** A second contact of IMPLAN Torreón. */
        public static Contact jorge(boolean primary) {
            return new Contact("Jorge Luis Castañeda Ríos", "jorge.castaneda@implan-torreon.example.mx",
                    "Jefe de Proyectos Urbanos", "es-MX", primary);
        }

        public Contact titled(String title) {
            return TestJson.with(this, "title", title);
        }
    }

    /** The body of {@code PUT /api/v1/members/{id}/profile}. */
    public record Profile(Institution institution, String locale, String timeZone) {
    }

    /** IMPLAN Torreón, a municipal planning institute in Mexico, with Mariana as its primary contact. */
    public static Application implanTorreon() {
        return new Application(new Institution("Instituto Municipal de Planeación de Torreón (IMPLAN Torreón)",
                "MUNICIPAL_PLANNING_INSTITUTE", "MX", "Coahuila", "Torreón", "https://implan-torreon.example.mx"),
                "es-MX", "America/Monterrey", List.of(new Contact("Mariana Ávila Treviño",
                "Mariana.Avila@implan-torreon.example.mx", "Coordinadora de Vinculación", "es-MX", true)));
    }

    /** IMPLAN Torreón under a name and email of its own, so it is never a duplicate of another test's. */
    public static Application unique() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Application implan = implanTorreon();
        Contact mariana = implan.contacts().getFirst();
        return implan.named("Instituto Municipal de Planeación de Torreón (IMPLAN Torreón " + tag + ")")
                .withContact(TestJson.with(mariana, "email", "Mariana.Avila." + tag + "@implan-torreon.example.mx"));
    }

    /** A municipality in {@code country} whose only contact writes from {@code email}. */
    public static Application municipality(String name, String country, String email) {
        return new Application(new Institution(name, "MUNICIPALITY", country, "Región", "Ciudad", null), "es-MX",
                "America/Guatemala", List.of(new Contact("Persona de contacto", email, null, "es-MX", true)));
    }

    public Application named(String name) {
        return TestJson.with(this, "institution", TestJson.with(institution, "name", name));
    }

    public Application inCountry(String country) {
        return TestJson.with(this, "institution", TestJson.with(institution, "country", country));
    }

    public Application inTimeZone(String zone) {
        return TestJson.with(this, "timeZone", zone);
    }

    /** The application with {@code contact} as its only contact. */
    public Application withContact(Contact contact) {
        return TestJson.with(this, "contacts", List.of(contact));
    }

    public Profile profile() {
        return new Profile(institution, locale, timeZone);
    }

    public String json() {
        return TestJson.write(this);
    }
}
