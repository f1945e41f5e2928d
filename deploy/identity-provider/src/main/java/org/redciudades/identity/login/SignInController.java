package org.redciudades.identity.login;

import org.redciudades.identity.people.PeopleDirectory;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The pages a person sees: sign in (where the authorization endpoint sends them), sign out, and the page shown after
 * signing in without coming from a client.
 */
@Controller
class SignInController {

    private final PeopleDirectory people;

    SignInController(PeopleDirectory people) {
        this.people = people;
    }

    /** {@code ?error}: Spring Security's answer to a refused username or password; {@code ?logout}: signed out. */
    @GetMapping("/login")
    String signIn(@RequestParam(required = false) String error, @RequestParam(required = false) String logout,
                  Model model) {
        model.addAttribute("failed", error != null);
        model.addAttribute("signedOut", logout != null);
        return "identity/login";
    }

    /** Asks before signing out: signing out is a POST, so that no link or image can do it. */
    @GetMapping("/logout")
    String signOut() {
        return "identity/logout";
    }

    @GetMapping("/")
    String signedIn(Authentication authentication, Model model) {
        var username = authentication.getName();
        model.addAttribute("username", username);
        model.addAttribute("name", people.find(username).map(person -> person.name()).orElse(username));
        return "identity/home";
    }
}
