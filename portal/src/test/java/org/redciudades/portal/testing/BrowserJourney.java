package org.redciudades.portal.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;
import static org.redciudades.portal.testing.PortalStack.expect;
import static org.redciudades.portal.testing.PortalStack.field;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.redciudades.chassis.testing.Browser;
import org.redciudades.chassis.testing.TestIdentityProvider;
import org.redciudades.chassis.testing.TestTokens;

/**
 * What browser journeys share: the stack, a browser per test (closed after it), waiting with the page in the failure
 * message, signing in at the provider, the keyboard, and setting up members and events through the services' APIs.
 */
public abstract class BrowserJourney {

    protected static final PortalStack STACK = PortalStack.get();

    protected Browser browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    protected static String portal(String path) {
        return STACK.portal(path);
    }

    /** Waits until {@code condition} holds; on timeout, fails with the page the browser shows. */
    protected void waitFor(String what, Predicate<WebDriver> condition) {
        try {
            browser.until(condition::test);
        } catch (TimeoutException e) {
            fail("Waited in vain for %s; the browser shows %s:%n%s", what, browser.driver().getCurrentUrl(), text());
        }
    }

    /** The page's visible text, with the no-break spaces of the time formats ("10:00 a.m.") as spaces. */
    protected String text() {
        return browser.driver().findElement(By.tagName("body")).getText().replaceAll("[\u00A0\u202F]", " ");
    }

    protected void signInAtTheProvider(String username, String usernameLabel, String passwordLabel, String submit) {
        waitFor("the provider's sign-in page",
                driver -> driver.getCurrentUrl().startsWith(TestIdentityProvider.get().issuer() + "/login"));
        browser.fillIn(usernameLabel, username);
        browser.fillIn(passwordLabel, TestIdentityProvider.PASSWORD);
        browser.press(submit);
    }

    /** Signs in in Spanish from the portal's own "Iniciar sesión" link, and waits to be back on {@code path}. */
    protected void signInFrom(String path, String username) {
        browser.open(portal(path));
        waitFor("the sign-in link", driver -> !driver.findElements(By.linkText("Iniciar sesión")).isEmpty());
        browser.driver().findElement(By.linkText("Iniciar sesión")).click();
        signInAtTheProvider(username, "Nombre de usuario", "Contraseña", "Iniciar sesión");
        waitFor("the portal, signed in", driver -> driver.getCurrentUrl().startsWith(portal(""))
                && !driver.findElements(Browser.button("Cerrar sesión")).isEmpty());
        browser.open(portal(path));
    }

    protected WebElement tab() {
        press(Keys.TAB);
        return browser.driver().switchTo().activeElement();
    }

    /** Presses Tab until the focused element is {@code target}; fails after 40 presses. */
    protected WebElement tabUntil(Predicate<WebElement> target, String what) {
        for (int presses = 0; presses < 40; presses++) {
            WebElement focused = tab();
            if (target.test(focused)) {
                assertThat(focused.isDisplayed()).as("%s is visible when focused", what).isTrue();
                return focused;
            }
        }
        return fail("Tab never reached %s", what);
    }

    protected void press(CharSequence keys) {
        new Actions(browser.driver()).sendKeys(keys).perform();
    }

    protected void type(String text) {
        new Actions(browser.driver()).sendKeys(text).perform();
    }

    protected String labelOf(WebElement field) {
        String id = field.getDomAttribute("id");
        return id == null ? null : browser.driver().findElements(By.cssSelector("label[for='" + id + "']")).stream()
                .map(WebElement::getText).findFirst().orElse(null);
    }

    /**
     * An ACTIVE member institution of Mexico (in the region named as its city) with these contacts (the first
     * primary), and waits until events-service
     * knows each contact acts for it. Answers the member's id.
     */
    protected static String activeMember(String institution, String city, String timeZone, String... contacts) {
        String organizer = TestTokens.withRole("organizer");
        StringBuilder people = new StringBuilder();
        for (int i = 0; i < contacts.length; i++) {
            people.append(i == 0 ? "" : ",").append("""
                    {"name": "Contacto %d de %s", "email": "%s", "locale": "es-MX", "primary": %s}
                    """.formatted(i + 1, institution, contacts[i], i == 0));
        }
        String member = field(expect(201, STACK.membership().post("/api/v1/applications", null, """
                {"institution": {"name": "%s", "kind": "MUNICIPAL_PLANNING_INSTITUTE", "country": "MX",
                                 "region": "%s", "city": "%s"},
                 "locale": "es-MX", "timeZone": "%s", "contacts": [%s]}
                """.formatted(institution, city, city, timeZone, people))), "id");
        expect(200, STACK.membership().post("/api/v1/members/" + member + "/approval", organizer, ""));
        expect(200, STACK.membership().post("/api/v1/members/" + member + "/agreement", organizer, """
                {"signedOn": "2026-11-20", "termStart": "2026-12-01", "termEnd": "2028-11-30",
                 "documentReference": "RCI-CONV-%s", "memberSignatory": "Dirección", "networkSignatory": "Coordinación"}
                """.formatted(member.substring(0, 8))));
        for (String contact : contacts) {
            String token = TestTokens.forPerson(contact);
            await(contact + " acts for an active member in events-service").atMost(Duration.ofSeconds(90))
                    .until(() -> STACK.events().get("/api/v1/eligibility/me", token).body().contains("\"eligible\":true"));
        }
        return member;
    }

    /** Creates the event described by {@code json} as an organizer, announces it, and answers its id. */
    protected static String announce(String json) {
        String organizer = TestTokens.withRole("organizer");
        String id = field(expect(201, STACK.events().post("/api/v1/events", organizer, json)), "id");
        expect(200, STACK.events().post("/api/v1/events/" + id + "/announcement", organizer, ""));
        return id;
    }

    /**
     * The Spanish bundle's texts that the English one says otherwise: each literal run of at least 12 characters,
     * placeholders and choice formats taken out. None may appear on a page in English.
     */
    protected static List<String> spanishOnlyTexts() throws IOException {
        return textsOnlyIn("i18n/messages.properties", "i18n/messages_en.properties");
    }

    /** The English bundle's texts that the Spanish one says otherwise; none may appear on a page in Spanish. */
    protected static List<String> englishOnlyTexts() throws IOException {
        return textsOnlyIn("i18n/messages_en.properties", "i18n/messages.properties");
    }

    private static List<String> textsOnlyIn(String bundle, String other) throws IOException {
        Properties texts = bundle(bundle);
        Properties others = bundle(other);
        List<String> only = new ArrayList<>();
        for (String key : texts.stringPropertyNames()) {
            String value = texts.getProperty(key);
            if (value.equals(others.getProperty(key))) {
                continue;
            }
            String literal = value;
            for (String previous = null; !literal.equals(previous); ) {
                previous = literal;
                literal = literal.replaceAll("\\{[^{}]*}", "|");
            }
            for (String run : literal.split("[|]")) {
                if (run.strip().length() >= 12) {
                    only.add(run.strip());
                }
            }
        }
        assertThat(only).as("texts of %s to look for", bundle).hasSizeGreaterThan(50);
        return only;
    }

    private static Properties bundle(String path) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = new InputStreamReader(
                BrowserJourney.class.getClassLoader().getResourceAsStream(path), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
