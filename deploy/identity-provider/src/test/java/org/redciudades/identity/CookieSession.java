package org.redciudades.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import tools.jackson.databind.json.JsonMapper;

/** A browser's part in the tests: cookies, no JavaScript, redirects followed by hand. */
final class CookieSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final URI baseUrl;
    private final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final Map<String, String> headers = new LinkedHashMap<>(Map.of("Accept", "text/html"));

    CookieSession(URI baseUrl) {
        this.baseUrl = baseUrl;
    }

    CookieSession acceptLanguage(String acceptLanguage) {
        headers.put("Accept-Language", acceptLanguage);
        return this;
    }

    HttpResponse<String> get(URI uri) {
        var request = HttpRequest.newBuilder(baseUrl.resolve(uri)).GET();
        headers.forEach(request::header);
        return send(request.build());
    }

    HttpResponse<String> post(URI uri, Map<String, String> form) {
        var request = HttpRequest.newBuilder(baseUrl.resolve(uri))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(form)));
        headers.forEach(request::header);
        return send(request.build());
    }

    /** Follows redirects within the provider; stops at a page or at a redirect elsewhere. */
    HttpResponse<String> follow(HttpResponse<String> response) {
        while (response.statusCode() == 302) {
            var next = response.request().uri().resolve(response.headers().firstValue("Location").orElseThrow());
            if (!next.getAuthority().equals(baseUrl.getAuthority())) {
                return response;
            }
            response = get(next);
        }
        return response;
    }

    HttpResponse<String> signIn(String username, String password) {
        var page = get(URI.create("/login"));
        return post(URI.create("/login"), Map.of("username", username, "password", password, "_csrf", csrf(page.body())));
    }

    /** The code flow of the portal (a confidential client) in this browser; answers the ID token. */
    String signInToPortal(String username, String password) {
        var redirectUri = CodeFlowTest.PORTAL_REDIRECT;
        var toSignIn = get(URI.create("/oauth2/authorize?response_type=code&client_id=" + CodeFlowTest.PORTAL
                + "&scope=openid%20profile&state=s1&redirect_uri=" + redirectUri));
        follow(toSignIn);
        var toClient = follow(signIn(username, password));
        var location = toClient.headers().firstValue("Location").orElseThrow();
        if (!location.startsWith(redirectUri + "?code=")) {
            throw new IllegalStateException("No code: " + toClient.statusCode() + " " + location);
        }
        var code = location.substring((redirectUri + "?code=").length()).split("&")[0];
        var token = send(HttpRequest.newBuilder(baseUrl.resolve("/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (CodeFlowTest.PORTAL + ":portal-secret").getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "authorization_code",
                        "code", code, "redirect_uri", redirectUri))))
                .build());
        return JsonMapper.shared().readTree(token.body()).path("id_token").stringValue();
    }

    static String csrf(String html) {
        var matcher = CSRF.matcher(html);
        if (!matcher.find()) {
            throw new IllegalStateException("No CSRF token in " + html);
        }
        return matcher.group(1);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String form(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
