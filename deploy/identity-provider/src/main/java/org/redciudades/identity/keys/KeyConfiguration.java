package org.redciudades.identity.keys;

import java.time.Clock;

import org.redciudades.identity.IdentityProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

@Configuration(proxyBeanMethods = false)
class KeyConfiguration {

    /** Also the JWKSource of the JWKS endpoint and of Boot's JwtDecoder (admin API, /userinfo). */
    @Bean
    KeyRing keyRing(IdentityProperties properties) {
        return new KeyRing(properties.stateDirectory().map(dir -> dir.resolve("keys")), properties.keys().retain(),
                properties.keys().rotateAfter(), Clock.systemUTC());
    }

    /** Signs with the newest key; Nimbus's encoder refuses to choose when the JWK source offers several. */
    @Bean
    JwtEncoder jwtEncoder(KeyRing keyRing) {
        var encoder = new NimbusJwtEncoder(keyRing);
        encoder.setJwkSelector(candidates -> {
            var signingKeyId = keyRing.signingKey().getKeyID();
            return candidates.stream()
                    .filter(key -> key.getKeyID().equals(signingKeyId))
                    .findFirst()
                    .orElse(candidates.getFirst());
        });
        return encoder;
    }
}
