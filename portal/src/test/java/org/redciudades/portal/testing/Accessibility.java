package org.redciudades.portal.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.redciudades.chassis.testing.Browser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * axe-core, Deque's accessibility engine, run in the browser on the page it shows, at a phone's width (360 px) and a
 * laptop's (1280 px): no violation of WCAG 2.0, 2.1 or 2.2 at levels A and AA, and nothing wider than the screen at
 * 360 px (WCAG 1.4.10, reflow). The script comes from Deque's axe-core Selenium jar on Maven Central ({@code axe.min.js},
 * axe-core 4.11.1); it runs through the driver, which the page's Content-Security-Policy does not govern. Each page it
 * checks is also saved as a screenshot in {@code target/screenshots/}, for a person to look at.
 */
public final class Accessibility {

    public static final List<Integer> WIDTHS = List.of(360, 1280);
    private static final String AXE_SCRIPT = "axe.min.js";
    private static final String TAGS = "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa']";
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static String axe;

    private Accessibility() {
    }

    /** Checks the page the browser shows at every width of {@link #WIDTHS}; {@code page} names it in failures. */
    public static void assertNoViolations(Browser browser, String page) {
        for (int width : WIDTHS) {
            assertNoViolations(browser, page, width);
        }
    }

    private static void assertNoViolations(Browser browser, String page, int width) {
        ChromeDriver driver = (ChromeDriver) browser.driver();
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", 900,
                "deviceScaleFactor", 1, "mobile", width < 600));
        try {
            if (width < 600) {
                Object scrollWidth = driver.executeScript("return document.documentElement.scrollWidth;");
                assertThat(((Number) scrollWidth).intValue()).as("%s at %d px: wider than the screen", page, width)
                        .isLessThanOrEqualTo(width);
            }
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
            driver.executeScript(script());
            Object result = driver.executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    axe.run(document, {runOnly: {type: 'tag', values: %s}, resultTypes: ['violations']})
                        .then(results => done(JSON.stringify(results.violations)))
                        .catch(error => done('axe failed: ' + error));
                    """.formatted(TAGS));
            assertThat(String.valueOf(result)).as("axe-core on %s", page).doesNotStartWith("axe failed");
            List<String> violations = describe(JSON.readTree(String.valueOf(result)));
            screenshot(driver, page, width);
            assertThat(violations).as("axe-core violations on %s at %d px", page, width).isEmpty();
        } finally {
            driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    /** Every checked page as the browser drew it, for a person to look at: target/screenshots/<page>-<width>.png. */
    private static void screenshot(ChromeDriver driver, String page, int width) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(page.replaceAll("[^A-Za-z0-9]+", "-") + "-" + width + ".png"),
                    driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> describe(JsonNode violations) {
        List<String> described = new ArrayList<>();
        for (JsonNode violation : violations) {
            List<String> targets = new ArrayList<>();
            for (JsonNode node : violation.path("nodes")) {
                targets.add(node.path("target").toString() + " " + node.path("failureSummary").asString(""));
            }
            described.add(violation.path("id").asString() + " (" + violation.path("impact").asString() + "): "
                    + violation.path("help").asString() + " at " + targets);
        }
        return described;
    }

    private static synchronized String script() {
        if (axe == null) {
            try (InputStream in = Accessibility.class.getClassLoader().getResourceAsStream(AXE_SCRIPT)) {
                if (in == null) {
                    throw new IllegalStateException(AXE_SCRIPT + " is not on the test classpath: it comes with "
                            + "com.deque.html.axe-core:selenium (portal/pom.xml)");
                }
                axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return axe;
    }
}
