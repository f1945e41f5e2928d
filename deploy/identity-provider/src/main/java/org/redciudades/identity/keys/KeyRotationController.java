package org.redciudades.identity.keys;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /admin/keys/rotation}: a new signing key now (bearer token with scope keys.rotate). */
@RestController
class KeyRotationController {

    private final KeyRing keyRing;

    KeyRotationController(KeyRing keyRing) {
        this.keyRing = keyRing;
    }

    /**
     * @param kid  the new signing key's id
     * @param keys the ids of every key in the JWKS, newest first
     */
    record Rotation(String kid, List<String> keys) {
    }

    @PostMapping("/admin/keys/rotation")
    @ResponseStatus(HttpStatus.CREATED)
    Rotation rotate() {
        var key = keyRing.rotate();
        return new Rotation(key.getKeyID(), keyRing.keyIds());
    }
}
