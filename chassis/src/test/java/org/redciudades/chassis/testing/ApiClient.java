package org.redciudades.chassis.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** A plain HTTP client for a service under test, sending JSON and bearer tokens as a real caller would. */
public final class ApiClient {

    private final String base;
    private final HttpClient http = HttpClient.newHttpClient();

    public ApiClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public HttpResponse<String> get(String path, String token) {
        return send("GET", path, token, null, null, Map.of());
    }

    public HttpResponse<String> post(String path, String token, String json) {
        return send("POST", path, token, "application/json", json == null ? null : json.getBytes(java.nio.charset.StandardCharsets.UTF_8), Map.of());
    }

    public HttpResponse<String> put(String path, String token, String json) {
        return send("PUT", path, token, "application/json", json.getBytes(java.nio.charset.StandardCharsets.UTF_8), Map.of());
    }

    /** A GET whose body is kept as bytes, for downloads whose exact encoding matters. */
    public HttpResponse<byte[]> getBytes(String path, String token) {
        return exchange("GET", path, token, null, null, Map.of(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Any request; a null token sends no Authorization header, a null content type no Content-Type. */
    public HttpResponse<String> send(String method, String path, String token, String contentType, byte[] body,
                                     Map<String, String> headers) {
        return exchange(method, path, token, contentType, body, headers, HttpResponse.BodyHandlers.ofString());
    }

    private <T> HttpResponse<T> exchange(String method, String path, String token, String contentType, byte[] body,
                                         Map<String, String> headers, HttpResponse.BodyHandler<T> handler) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        try {
            return http.send(request.build(), handler);
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
