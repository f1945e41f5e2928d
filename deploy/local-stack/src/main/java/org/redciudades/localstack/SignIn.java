package org.redciudades.localstack;

import java.net.URI;

import org.redciudades.identity.client.IdentityProviderClient;
import org.redciudades.identity.client.IdentityProviderException;
import org.redciudades.identity.client.Tokens;

/**
 * Signs a person in at the local stack's identity provider the way a browser would (authorization code with PKCE, as
 * the command-line client {@value #CLIENT}), and prints the access token: {@code ./deploy/token.sh <username>
 * [password]}. The launcher signs the demo organizer in the same way to load the demo roster.
 */
public final class SignIn {

    /** The password of every demo person ({@code deploy/local-stack/demo-people.yml}). */
    static final String DEMO_PASSWORD = "demo2026";
    static final String CLIENT = "redciudades-cli";
    static final String REDIRECT_URI = "http://127.0.0.1/callback";

    private SignIn() {
    }

    static Tokens demoPerson(URI issuer, String username) {
        return new IdentityProviderClient(issuer).signIn(CLIENT, REDIRECT_URI, username, DEMO_PASSWORD);
    }

    public static void main(String[] args) {
        if (args.length < 1 || args.length > 2 || args[0].startsWith("-")) {
            System.err.println("""
                    Usage: ./deploy/token.sh <username> [password]
                      Prints an access token of that person from the local stack's identity provider (%s).
                      Usernames: organizer, ops, or a demo person's email; the password defaults to the demo people's.
                      People: deploy/local-stack/demo-people.yml""".formatted(LocalStack.ISSUER));
            System.exit(2);
        }
        String password = args.length == 2 ? args[1] : DEMO_PASSWORD;
        try {
            System.out.println(new IdentityProviderClient(LocalStack.ISSUER)
                    .signIn(CLIENT, REDIRECT_URI, args[0], password).accessToken());
        } catch (IdentityProviderException e) {
            System.err.println(e.status() == 401 ? "Refused: wrong username or password for " + args[0]
                    : e.status() == -1 ? "Is the local stack running (./deploy/run-local.sh)? " + e.getMessage()
                    : e.getMessage());
            System.exit(1);
        }
    }
}
