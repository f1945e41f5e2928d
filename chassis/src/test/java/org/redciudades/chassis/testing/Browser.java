package org.redciudades.chassis.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real browser for tests: headless Chromium driven through chromedriver, both from Debian's packages
 * ({@code apt-get install chromium chromium-driver}; {@code .ci/run} installs them). Nothing is downloaded: the paths
 * are given to Selenium, so Selenium Manager never runs. Each browser has a fresh profile, deleted on {@link #close}.
 * <p>
 * The system properties {@value #CHROMIUM_PROPERTY} and {@value #CHROMEDRIVER_PROPERTY} point at other binaries;
 * the defaults are {@value #DEFAULT_CHROMIUM} and {@value #DEFAULT_CHROMEDRIVER}.
 * <p>
 * Pages are driven as a person reads them, by the text of labels, buttons and headings ({@link #fillIn},
 * {@link #press}); everything waits with {@link #until}, never with a sleep.
 */
public final class Browser implements AutoCloseable {

    public static final String CHROMIUM_PROPERTY = "browser.chromium";
    /** Selenium's own property for the driver. */
    public static final String CHROMEDRIVER_PROPERTY = ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY;
    static final String DEFAULT_CHROMIUM = "/usr/bin/chromium";
    static final String DEFAULT_CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Headless, and nothing the browser would fetch from the network on its own (updates, sync, QUIC probes). */
    private static final List<String> ARGUMENTS = List.of("--headless=new", "--no-sandbox", "--disable-gpu",
            "--disable-dev-shm-usage", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--window-size=1280,1024");

    private final ChromeDriver driver;
    private final Path profile;
    private final FluentWait<WebDriver> wait;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
        // htmx swaps parts of the page while a condition reads them: a stale element means "not yet", not a failure
        this.wait = new WebDriverWait(driver, WAIT).ignoring(StaleElementReferenceException.class);
    }

    /** A new headless browser whose person reads es-MX first, the network's language. */
    public static Browser start() {
        return start("es-MX,es,en");
    }

    /**
     * A new headless browser with a fresh profile, which asks for pages in {@code acceptLanguage} (such as
     * {@code "en"}); fails with what to install if Chromium or its driver is missing.
     */
    public static Browser start(String acceptLanguage) {
        Path chromium = executable(CHROMIUM_PROPERTY, DEFAULT_CHROMIUM, "chromium");
        Path chromedriver = executable(CHROMEDRIVER_PROPERTY, DEFAULT_CHROMEDRIVER, "chromium-driver");
        Path profile;
        try {
            profile = Files.createTempDirectory("browser-profile-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions().setBinary(chromium.toFile());
        options.addArguments(ARGUMENTS);
        options.addArguments("--user-data-dir=" + profile, "--lang=" + acceptLanguage.split(",")[0]);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", acceptLanguage));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .withLogFile(new File("target", "chromedriver-" + ProcessHandle.current().pid() + ".log"))
                .build();
        try {
            return new Browser(new ChromeDriver(service, options), profile);
        } catch (RuntimeException e) {
            delete(profile);
            throw e;
        }
    }

    private static Path executable(String property, String fallback, String debianPackage) {
        Path path = Path.of(System.getProperty(property, fallback));
        if (!Files.isExecutable(path)) {
            throw new IllegalStateException("The browser tests need " + path + ", which is not there or not "
                    + "executable: install Debian's packages chromium and chromium-driver (apt-get install chromium "
                    + "chromium-driver; this one comes with " + debianPackage + "), or set -D" + property
                    + " to the binary.");
        }
        return path;
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
    }

    /** Waits until {@code condition} gives something other than null or false, and answers it. */
    public <T> T until(Function<? super WebDriver, T> condition) {
        return wait.until(condition);
    }

    /** The visible element {@code by} finds, once there is one. */
    public WebElement visible(By by) {
        return until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /** Types {@code text} into the field whose label says {@code label}. */
    public void fillIn(String label, String text) {
        WebElement field = visible(labelled(label));
        field.clear();
        field.sendKeys(text);
    }

    /** Presses the button that says {@code name}, once it can be pressed. */
    public void press(String name) {
        until(ExpectedConditions.elementToBeClickable(button(name))).click();
    }

    /**
     * A button whose text (or accessible label) is {@code name}, ignoring surrounding white space; within an element,
     * that element's buttons only.
     */
    public static By button(String name) {
        String literal = xpathLiteral(name);
        return By.xpath(".//button[normalize-space(.)=" + literal + " or @aria-label=" + literal + "]"
                + " | .//input[(@type='submit' or @type='button') and @value=" + literal + "]");
    }

    /** The form field that a {@code <label>} saying {@code label} names. */
    public static By labelled(String label) {
        return By.xpath("//*[@id=//label[normalize-space(.)=" + xpathLiteral(label) + "]/@for]");
    }

    /** Switches to the window other than the current one, once it is open (a sign-in popup). */
    public String switchToNewWindow() {
        String current = driver.getWindowHandle();
        String other = until(d -> d.getWindowHandles().stream().filter(handle -> !handle.equals(current))
                .findFirst().orElse(null));
        driver.switchTo().window(other);
        return current;
    }

    /** Switches back to {@code window} once every other window has closed. */
    public void switchBackOnceClosed(String window) {
        until(d -> d.getWindowHandles().size() == 1);
        driver.switchTo().window(window);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            delete(profile);
        }
    }

    private static String xpathLiteral(String text) {
        if (!text.contains("'")) {
            return "'" + text + "'";
        }
        return "concat('" + text.replace("'", "', \"'\", '") + "')";
    }

    private static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory; the system cleans up what is left
        }
    }
}
