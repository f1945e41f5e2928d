package org.redciudades.identity.client;

import java.time.Duration;

/**
 * A token response.
 *
 * @param refreshToken null when the client gets none (public clients, client credentials)
 * @param idToken      null when there was no {@code openid} scope
 */
public record Tokens(String accessToken, String refreshToken, String idToken, Duration expiresIn) {
}
