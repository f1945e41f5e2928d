package org.redciudades.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/** Plain HTTP against the provider, and reading and verifying its tokens with Nimbus, for the tests. */
final class ProviderHttp {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private ProviderHttp() {
    }

    static HttpResponse<String> get(URI uri, Map<String, String> headers) {
        var request = HttpRequest.newBuilder(uri).GET();
        headers.forEach(request::header);
        return send(request.build());
    }

    static HttpResponse<String> get(URI uri) {
        return get(uri, Map.of());
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The JWKS at {@code <baseUrl>/oauth2/jwks}. */
    static JWKSet jwks(URI baseUrl) {
        return jwksAt(URI.create(baseUrl + "/oauth2/jwks"));
    }

    static JWKSet jwksAt(URI jwksUri) {
        try {
            return JWKSet.parse(get(jwksUri).body());
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    static JWTClaimsSet claims(String token) {
        try {
            return SignedJWT.parse(token).getJWTClaimsSet();
        } catch (ParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static String keyId(String token) {
        try {
            return SignedJWT.parse(token).getHeader().getKeyID();
        } catch (ParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Whether the key in {@code jwks} with the token's kid verifies its signature. */
    static boolean verifies(String token, JWKSet jwks) {
        try {
            var jwt = SignedJWT.parse(token);
            var key = jwks.getKeyByKeyId(jwt.getHeader().getKeyID());
            return key instanceof RSAKey rsaKey && jwt.verify(new RSASSAVerifier(rsaKey));
        } catch (ParseException | JOSEException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
