package org.redciudades.localstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Hands out tokens for the demo users over HTTP: {@code GET /tokens/{user}[?memberId=<uuid>][&email=<address>]} answers the raw JWT
 * as text/plain, so {@code TOKEN=$(curl -s localhost:8090/tokens/organizer)} works. Also {@code GET /} (help),
 * {@code GET /public.pem} and {@code GET /.well-known/jwks.json} (the verification key).
 */
public final class TokenIssuer implements AutoCloseable {

    static final String JWKS_PATH = "/.well-known/jwks.json";
    private static final String TOKENS_PREFIX = "/tokens/";
    /** A UUID in its canonical 8-4-4-4-12 form; UUID.fromString alone also accepts shorter groups. */
    private static final Pattern UUID_FORM =
            Pattern.compile("\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}");

    private final LocalTokens tokens;
    private final HttpServer http;
    private final ExecutorService executor;

    private TokenIssuer(LocalTokens tokens, HttpServer http, ExecutorService executor) {
        this.tokens = tokens;
        this.http = http;
        this.executor = executor;
    }

    /** Starts the HTTP server on {@code host}; a port of 0 picks a free one. */
    public static TokenIssuer start(String host, int port, LocalTokens tokens) throws IOException {
        var http = HttpServer.create(new InetSocketAddress(host, port), 0);
        var executor = Executors.newVirtualThreadPerTaskExecutor();
        var issuer = new TokenIssuer(tokens, http, executor);
        http.createContext("/", issuer::handle);
        http.setExecutor(executor);
        http.start();
        return issuer;
    }

    public URI url() {
        var address = http.getAddress();
        return URI.create("http://" + address.getHostString() + ":" + address.getPort());
    }

    /** The token URL of a demo user, e.g. {@code http://127.0.0.1:8090/tokens/organizer}. */
    public URI tokenUrl(String user) {
        return url().resolve(TOKENS_PREFIX + user);
    }

    public LocalTokens tokens() {
        return tokens;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET");
                send(exchange, 405, "text/plain", "Only GET is supported\n");
                return;
            }
            var path = exchange.getRequestURI().getPath();
            if (path.equals("/")) {
                send(exchange, 200, "text/plain", help());
            } else if (path.equals("/public.pem")) {
                send(exchange, 200, "text/plain", tokens.publicKeyPem());
            } else if (path.equals(JWKS_PATH)) {
                send(exchange, 200, "application/json", tokens.jwkSet());
            } else if (path.startsWith(TOKENS_PREFIX)) {
                token(exchange, path.substring(TOKENS_PREFIX.length()));
            } else {
                send(exchange, 404, "text/plain", "Not found. " + help());
            }
        } catch (RuntimeException e) {
            send(exchange, 500, "text/plain", "Error: " + e + "\n");
        }
    }

    private void token(HttpExchange exchange, String user) throws IOException {
        if (!LocalTokens.USERS.containsKey(user)) {
            send(exchange, 404, "text/plain", "No demo user \"" + user + "\"; there are "
                    + String.join(", ", LocalTokens.USERS.keySet()) + "\n");
            return;
        }
        var memberIdParameter = queryParameter(exchange.getRequestURI().getRawQuery(), "memberId");
        UUID memberId = null;
        if (memberIdParameter.isPresent()) {
            var value = memberIdParameter.get();
            if (!UUID_FORM.matcher(value).matches()) {
                send(exchange, 400, "text/plain", "memberId must be a UUID, such as "
                        + "3f2a8c1e-5b7d-4e09-9a61-2c4b8d0e7f13; got \"" + value + "\"\n");
                return;
            }
            if (!LocalTokens.MEMBER.equals(user)) {
                send(exchange, 400, "text/plain", "memberId applies only to " + tokenUrl(LocalTokens.MEMBER) + "\n");
                return;
            }
            memberId = UUID.fromString(value);
        }
        var email = queryParameter(exchange.getRequestURI().getRawQuery(), "email").filter(e -> e.contains("@"));
        // The bare token, no newline: it goes into an Authorization header as is.
        send(exchange, 200, "text/plain", tokens.mint(user, memberId, email.orElse(null)));
    }

    /** The first value of a query parameter, decoded. */
    static Optional<String> queryParameter(String rawQuery, String name) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Optional.empty();
        }
        for (var pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            var key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return Optional.of(equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1),
                        StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    private String help() {
        return """
                Local token issuer: RS256 JWTs for the demo users, valid for %d hours, issuer %s.
                  %s
                  %s?memberId=<uuid>   (member_id claim; without it, no claim)
                  add &email=<address> (or ?email=) to any of them for an email claim: the inbox and preferences
                  %s
                Use: TOKEN=$(curl -s %s); curl -H "Authorization: Bearer $TOKEN" ...
                Verification key: %s/public.pem (also %s%s). The services trust it only under the local profile.
                """.formatted(LocalTokens.LIFETIME.toHours(), LocalTokens.ISSUER, tokenUrl("organizer"),
                tokenUrl("member"), tokenUrl("ops"), tokenUrl("organizer"), url(), url(), JWKS_PATH);
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        var bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType + "; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        http.stop(0);
        executor.close();
    }
}
