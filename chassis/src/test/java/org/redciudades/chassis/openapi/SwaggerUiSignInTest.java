package org.redciudades.chassis.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.redciudades.chassis.sample.SampleApplication;
import org.redciudades.chassis.security.Roles;
import org.redciudades.chassis.testing.Browser;
import org.redciudades.chassis.testing.RealInfrastructure;
import org.redciudades.chassis.testing.TestIdentityProvider;
import org.redciudades.chassis.testing.TestTokens;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

/**
 * Swagger UI, as every service serves it, in a real browser: "Authorize" signs the person in at the identity provider
 * (authorization code with PKCE, as the public client swagger-ui), and "Try it out" then calls a secured operation
 * with the person's token.
 */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = RealInfrastructure.class)
class SwaggerUiSignInTest {

    static final String DEAD_LETTERS = "/api/v1/ops/dead-letters";
    /** The openIdConnect scheme's code flow in the "Available authorizations" dialog. */
    static final By CODE_FLOW = By.xpath("//div[contains(@class, 'auth-container')]"
            + "[.//h4[contains(., 'openIdConnect') and contains(., 'authorization_code')]]");

    @LocalServerPort
    int port;

    Browser browser;

    @BeforeEach
    void openSwaggerUi() {
        TestTokens.withRole(Roles.OPS);   // the ops person exists at the provider
        browser = Browser.start();
        browser.open("http://127.0.0.1:" + port + "/swagger-ui.html");
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void ops_sign_in_through_swagger_ui_at_the_identity_provider_and_try_out_a_secured_operation_refused_before() {
        WebElement deadLetters = tryOut(DEAD_LETTERS);
        assertThat(execute(deadLetters)).as("without signing in").isEqualTo("401");

        browser.press("Authorize");
        WebElement codeFlow = browser.visible(CODE_FLOW);
        assertThat(codeFlow.findElement(By.cssSelector("input[id^='client_id']")).getDomProperty("value"))
                .isEqualTo("swagger-ui");
        codeFlow.findElement(Browser.button("Authorize")).click();

        String swaggerUi = browser.switchToNewWindow();
        browser.until(driver -> driver.getCurrentUrl().contains("/login"));
        assertThat(browser.driver().getCurrentUrl()).startsWith(TestIdentityProvider.get().issuer());
        browser.fillIn("Nombre de usuario", TestTokens.subjectWithRole(Roles.OPS));
        browser.fillIn("Contraseña", TestIdentityProvider.PASSWORD);
        browser.press("Iniciar sesión");
        browser.switchBackOnceClosed(swaggerUi);

        WebElement signedIn = browser.until(driver -> {
            WebElement flow = driver.findElement(CODE_FLOW);
            boolean done = !flow.findElements(Browser.button("Logout")).isEmpty()
                    || !flow.findElements(By.cssSelector(".errors")).isEmpty();
            return done ? flow : null;
        });
        assertThat(signedIn.findElements(By.cssSelector(".errors"))).as(signedIn.getText()).isEmpty();
        browser.press("Close");
        browser.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".dialog-ux")));

        assertThat(execute(deadLetters)).as("signed in as ops").isEqualTo("200");
        assertThat(deadLetters.findElement(By.cssSelector(".curl-command")).getText())
                .contains("Authorization: Bearer ");
    }

    /** Opens the GET operation on {@code path} and presses "Try it out". */
    private WebElement tryOut(String path) {
        WebElement operation = browser.visible(By.xpath("//div[contains(@class, 'opblock-get')]"
                + "[.//*[contains(@class, 'opblock-summary-path') and @data-path='" + path + "']]"));
        operation.findElement(By.cssSelector(".opblock-summary-control")).click();
        browser.until(driver -> operation.findElements(Browser.button("Try it out")).stream()
                .filter(WebElement::isDisplayed).findFirst().orElse(null)).click();
        return operation;
    }

    /** Presses "Execute" and answers the status of the response shown for this call. */
    private String execute(WebElement operation) {
        if (!operation.findElements(By.cssSelector(".live-responses-table")).isEmpty()) {
            clear(operation);
        }
        operation.findElement(Browser.button("Execute")).click();
        return browser.until(driver -> operation.findElements(
                        By.cssSelector(".live-responses-table tr.response .response-col_status")).stream()
                .map(status -> status.getText().strip().split("\\s+")[0])
                .filter(status -> !status.isEmpty()).findFirst().orElse(null));
    }

    /** Clears the previous response, so that the next status read is the next call's. */
    private void clear(WebElement operation) {
        operation.findElement(Browser.button("Clear")).click();
        browser.until(driver -> operation.findElements(By.cssSelector(".live-responses-table")).isEmpty());
    }
}
