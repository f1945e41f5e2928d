package org.redciudades.identity.client;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Talks to the identity provider over HTTP as a browser and a client application would; needs only the JDK and
 * Jackson. Not tied to this provider's internals: the sign-in follows the authorization endpoint's redirects to the
 * sign-in page, posts the form with its CSRF token, and reads the code from the redirect to the client.
 * Thread-safe; each {@code signIn} keeps its own cookies.
 */
public final class IdentityProviderClient {

    /** The scopes {@link #signIn} asks for unless told otherwise. */
    public static final String DEFAULT_SCOPES = "openid profile email";
    /** The admin API's client. */
    public static final String ADMIN_CLIENT = "identity-admin";

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern CSRF_INPUT = Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*>");
    private static final Pattern VALUE = Pattern.compile("value=\"([^\"]*)\"");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final URI baseUrl;
    private final HttpClient http;
    private final JsonMapper json = JsonMapper.shared();

    /** @param issuerOrBaseUrl e.g. {@code http://127.0.0.1:8090} */
    public IdentityProviderClient(URI issuerOrBaseUrl) {
        var text = issuerOrBaseUrl.toString();
        this.baseUrl = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.http = HttpClient.newBuilder()
                .connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public URI baseUrl() {
        return baseUrl;
    }

    /** Authorization code with PKCE for a public client, with {@link #DEFAULT_SCOPES}. */
    public Tokens signIn(String clientId, String redirectUri, String username, String password) {
        return signIn(clientId, null, redirectUri, DEFAULT_SCOPES, username, password);
    }

    /** Authorization code with PKCE for a confidential client, with {@link #DEFAULT_SCOPES}. */
    public Tokens signIn(String clientId, String clientSecret, String redirectUri, String username, String password) {
        return signIn(clientId, clientSecret, redirectUri, DEFAULT_SCOPES, username, password);
    }

    /**
     * Signs a person in through the authorization endpoint and the sign-in page, and exchanges the code.
     *
     * @param clientSecret null for a public client
     * @param scopes       space-separated
     * @throws IdentityProviderException with status 401 if the username or password is refused, or with the
     *                                   provider's error if it refuses the request
     */
    public Tokens signIn(String clientId, String clientSecret, String redirectUri, String scopes, String username,
                         String password) {
        var cookies = new Cookies();
        var verifier = randomToken(32);
        var state = randomToken(16);
        var authorize = URI.create(baseUrl + "/oauth2/authorize?" + form(orderedMap(
                "response_type", "code",
                "client_id", clientId,
                "redirect_uri", redirectUri,
                "scope", scopes,
                "state", state,
                "nonce", randomToken(16),
                "code_challenge", challenge(verifier),
                "code_challenge_method", "S256")));

        var toSignIn = send(get(authorize, cookies), cookies);
        var signInPage = redirectTarget(toSignIn, "the authorization endpoint", redirectUri);
        var page = send(get(signInPage, cookies), cookies);
        expect(page, 200, "the sign-in page");
        var signInForm = orderedMap("username", username, "password", password, "_csrf", csrfToken(page.body()));
        var signedIn = send(post(signInPage, cookies, form(signInForm)), cookies);
        var afterSignIn = redirectTarget(signedIn, "the sign-in form", redirectUri);
        if (afterSignIn.getPath().equals(signInPage.getPath())) {
            throw new IdentityProviderException("The provider refused the username or password of " + username, 401);
        }
        var toClient = send(get(afterSignIn, cookies), cookies);
        var callback = redirectTarget(toClient, "the authorization endpoint after sign-in", redirectUri);
        var parameters = queryParameters(callback);
        if (parameters.containsKey("error")) {
            throw new IdentityProviderException("The provider refused the authorization request: "
                    + parameters.get("error") + " " + parameters.getOrDefault("error_description", ""), 302);
        }
        if (!callback.toString().startsWith(redirectUri) || !state.equals(parameters.get("state"))
                || !parameters.containsKey("code")) {
            throw new IdentityProviderException("Expected a redirect to " + redirectUri
                    + " with the code and state; got " + callback, toClient.statusCode());
        }
        return tokenRequest(clientId, clientSecret, orderedMap(
                "grant_type", "authorization_code",
                "code", parameters.get("code"),
                "redirect_uri", redirectUri,
                "client_id", clientId,
                "code_verifier", verifier));
    }

    /** A new access token (and, as the provider rotates them, a new refresh token). */
    public Tokens refresh(String clientId, String clientSecret, String refreshToken) {
        return tokenRequest(clientId, clientSecret, orderedMap(
                "grant_type", "refresh_token",
                "refresh_token", refreshToken,
                "client_id", clientId));
    }

    /** The access token of the client-credentials grant. */
    public String clientCredentials(String clientId, String clientSecret, String... scopes) {
        return tokenRequest(clientId, clientSecret, orderedMap(
                "grant_type", "client_credentials",
                "scope", String.join(" ", scopes))).accessToken();
    }

    /** A token for the whole admin API: {@code identity-admin} with scopes people.write and keys.rotate. */
    public String adminToken(String adminSecret) {
        return clientCredentials(ADMIN_CLIENT, adminSecret, "people.write", "keys.rotate");
    }

    /**
     * Creates or replaces a person.
     *
     * @return true if the person was created, false if replaced
     */
    public boolean putPerson(String adminToken, Person person) {
        var username = URLEncoder.encode(person.username(), StandardCharsets.UTF_8).replace("+", "%20");
        var request = HttpRequest.newBuilder(URI.create(baseUrl + "/admin/people/" + username))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + adminToken)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(person)))
                .build();
        var response = send(request, null);
        if (response.statusCode() == 201) {
            return true;
        }
        expect(response, 200, "PUT /admin/people/" + person.username());
        return false;
    }

    /** Makes a new signing key now; the old ones stay in the JWKS for the provider's retention time. */
    public String rotateKeys(String adminToken) {
        var request = HttpRequest.newBuilder(URI.create(baseUrl + "/admin/keys/rotation"))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + adminToken)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        var response = send(request, null);
        expect(response, 201, "POST /admin/keys/rotation");
        return json.readTree(response.body()).path("kid").stringValue(null);
    }

    private Tokens tokenRequest(String clientId, String clientSecret, Map<String, String> parameters) {
        var request = HttpRequest.newBuilder(URI.create(baseUrl + "/oauth2/token"))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json");
        if (clientSecret != null) {
            var credentials = encode(clientId) + ":" + encode(clientSecret);
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        var response = send(request.POST(HttpRequest.BodyPublishers.ofString(form(parameters))).build(), null);
        expect(response, 200, "the token endpoint (" + parameters.get("grant_type") + ")");
        JsonNode body = json.readTree(response.body());
        return new Tokens(body.path("access_token").stringValue(null), body.path("refresh_token").stringValue(null),
                body.path("id_token").stringValue(null), Duration.ofSeconds(body.path("expires_in").asLong(0)));
    }

    private static HttpRequest get(URI uri, Cookies cookies) {
        return cookies.addTo(HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                // as a browser: the provider answers the sign-in page rather than a 401
                .header("Accept", "text/html,application/xhtml+xml")).GET().build();
    }

    private static HttpRequest post(URI uri, Cookies cookies, String form) {
        return cookies.addTo(HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                        .header("Accept", "text/html,application/xhtml+xml")
                        .header("Content-Type", "application/x-www-form-urlencoded"))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
    }

    private HttpResponse<String> send(HttpRequest request, Cookies cookies) {
        try {
            var response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (cookies != null) {
                cookies.keep(response);
            }
            return response;
        } catch (IOException e) {
            throw new IdentityProviderException("Cannot reach the provider at " + request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IdentityProviderException("Interrupted while calling " + request.uri(), e);
        }
    }

    /** Where a redirect points; an error redirect to the client, or no redirect at all, is an exception. */
    private static URI redirectTarget(HttpResponse<String> response, String what, String redirectUri) {
        var location = response.headers().firstValue("Location");
        if (response.statusCode() / 100 != 3 || location.isEmpty()) {
            throw new IdentityProviderException("Expected a redirect from " + what + "; got "
                    + describe(response), response.statusCode());
        }
        var target = response.request().uri().resolve(location.get());
        if (target.toString().startsWith(redirectUri) && queryParameters(target).containsKey("error")) {
            var parameters = queryParameters(target);
            throw new IdentityProviderException("The provider refused the authorization request: "
                    + parameters.get("error") + " " + parameters.getOrDefault("error_description", ""),
                    response.statusCode());
        }
        return target;
    }

    private static void expect(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            throw new IdentityProviderException("Unexpected answer from " + what + ": " + describe(response),
                    response.statusCode());
        }
    }

    private static String describe(HttpResponse<String> response) {
        var body = response.body() == null ? "" : response.body();
        return response.statusCode() + " " + response.headers().firstValue("Location").map(l -> "-> " + l + " ")
                .orElse("") + (body.length() > 500 ? body.substring(0, 500) + "…" : body);
    }

    private static String csrfToken(String html) {
        var input = CSRF_INPUT.matcher(html);
        if (input.find()) {
            var value = VALUE.matcher(input.group());
            if (value.find()) {
                return value.group(1);
            }
        }
        throw new IdentityProviderException("The sign-in page has no CSRF token", 200);
    }

    private static Map<String, String> queryParameters(URI uri) {
        var query = uri.getRawQuery();
        var parameters = new LinkedHashMap<String, String>();
        if (query == null) {
            return parameters;
        }
        for (var pair : query.split("&")) {
            int equals = pair.indexOf('=');
            var name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            var value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            parameters.putIfAbsent(name, value);
        }
        return parameters;
    }

    private static Map<String, String> orderedMap(String... namesAndValues) {
        var map = new LinkedHashMap<String, String>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }

    private static String form(Map<String, String> parameters) {
        return parameters.entrySet().stream()
                .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String randomToken(int bytes) {
        var random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static String challenge(String verifier) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The cookies of one sign-in: all on one origin, so name and value are enough. */
    private static final class Cookies {

        private final Map<String, String> values = new LinkedHashMap<>();

        HttpRequest.Builder addTo(HttpRequest.Builder request) {
            if (!values.isEmpty()) {
                request.header("Cookie", values.entrySet().stream()
                        .map(cookie -> cookie.getKey() + "=" + cookie.getValue())
                        .collect(Collectors.joining("; ")));
            }
            return request;
        }

        void keep(HttpResponse<?> response) {
            List<String> setCookies = response.headers().allValues("Set-Cookie");
            for (var setCookie : setCookies) {
                var pair = setCookie.split(";", 2)[0];
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    values.put(pair.substring(0, equals).strip(), pair.substring(equals + 1).strip());
                }
            }
        }
    }

    @Override
    public String toString() {
        return "IdentityProviderClient[" + baseUrl + "]";
    }
}
