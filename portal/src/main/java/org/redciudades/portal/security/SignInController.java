package org.redciudades.portal.security;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "Sign in" from any page: this address needs a signed-in person, so Spring Security sends the browser to the identity
 * provider and, once signed in, back here, which returns the person to the page they were on.
 */
@Controller
class SignInController {

    static final String PATH = "/account/sign-in";

    @GetMapping(PATH)
    String signedIn(@RequestParam(defaultValue = "/") String next) {
        return "redirect:" + (isLocalPath(next) ? next : "/");
    }

    /** Only a path on this site, so that the link cannot send anyone elsewhere. */
    static boolean isLocalPath(String next) {
        return next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") && !next.contains("\r")
                && !next.contains("\n");
    }
}
